import type {
  GOALS,
  HEALTH_CONDITIONS,
  ONSETS,
  OTHER_SYMPTOMS,
  PREGNANCY_POTENTIAL,
  PRIOR_EFFECTS,
  SCALP_SYMPTOMS,
  SEXES,
} from '@anagen/core/assessment';

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const SEX_LABELS: Labels<typeof SEXES> = {
  female: 'Female',
  male: 'Male',
  other: 'Another answer / prefer not to say',
};

export const ONSET_LABELS: Labels<typeof ONSETS> = {
  'gradual-thinning': 'Gradual thinning over the top',
  'receding-hairline-or-crown': 'Receding hairline or thinning crown',
  'diffuse-thinning': 'Thinning all over',
  patches: 'Round or oval bald patches',
  'sudden-shedding': 'Sudden heavy shedding',
  'after-pregnancy': 'After pregnancy',
  'after-illness': 'After an illness, fever or operation',
  'after-chemotherapy': 'After chemotherapy',
  'after-new-medication': 'After starting a new medicine',
};

export const SCALP_LABELS: Labels<typeof SCALP_SYMPTOMS> = {
  itch: 'Itching',
  pain: 'Pain or tenderness',
  burning: 'Burning',
  redness: 'Redness',
  scaling: 'Scaling or flaking',
  pustules: 'Pus-filled spots',
  'scarring-shiny-patches': 'Scarred or shiny, smooth patches',
  'changing-or-bleeding-spot': 'A spot or mole that is changing, bleeding or not healing',
};

export const OTHER_SYMPTOM_LABELS: Labels<typeof OTHER_SYMPTOMS> = {
  'weight-change': 'Unexplained weight change',
  fatigue: 'Unusual tiredness',
  fever: 'Fever',
  'joint-pain': 'Joint pain',
  'rash-or-sun-sensitivity': 'Rash or sensitivity to sunlight',
  'irregular-periods': 'Irregular periods',
  'new-acne-or-body-hair': 'New acne or new body or facial hair',
  'eyebrow-or-eyelash-loss': 'Losing eyebrows or eyelashes',
  'nail-pitting': 'Small dents in the nails',
  'hair-pulling': 'Pulling out my hair',
  'significant-distress': 'My hair loss distresses me a great deal',
  'crash-diet-or-eating-disorder': 'A crash diet, or an eating disorder now or recently',
  'getting-worse-fast': 'It is getting noticeably worse from month to month',
};

export const PREGNANCY_POTENTIAL_LABELS: Labels<typeof PREGNANCY_POTENTIAL> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure',
};

export const CONDITION_INPUT_LABELS: Labels<typeof HEALTH_CONDITIONS> = {
  anticoagulants: 'Blood thinner (for example warfarin, apixaban)',
  antiplatelets: 'Antiplatelet medicine (for example aspirin, clopidogrel)',
  'bleeding-disorder': 'Platelet or bleeding disorder',
  'active-cancer': 'Active cancer or chemotherapy',
  'active-scalp-infection': 'Scalp infection now',
  'autoimmune-disease': 'Autoimmune disease',
  pregnancy: 'Pregnant',
  breastfeeding: 'Breastfeeding',
  'planning-pregnancy': 'Planning a pregnancy',
  isotretinoin: 'Taking isotretinoin',
  'heart-disease': 'Heart disease',
  'low-blood-pressure': 'Low blood pressure',
  pheochromocytoma: 'Pheochromocytoma',
  'keloid-tendency': 'Tendency to form raised (keloid) scars',
  photosensitivity: 'Sensitivity to light',
  immunosuppressed: 'Weakened immune system or immunosuppressive medicine',
  'serious-infection': 'A serious infection now',
  'thyroid-disease': 'Thyroid disease',
  'iron-deficiency': 'Low iron',
};

export const PRIOR_EFFECT_LABELS: Labels<typeof PRIOR_EFFECTS> = {
  helped: 'It helped',
  'no-change': 'No change',
  worse: 'It got worse',
  'side-effects': 'I had side effects',
  'too-early-to-tell': 'Too early to tell',
};

export const GOAL_LABELS: Labels<typeof GOALS> = {
  'slow-loss': 'Slow down further loss',
  regrow: 'Regrow some hair',
  'restore-hairline': 'Restore my hairline',
  'avoid-daily-medication': 'Avoid taking something every day',
  'avoid-procedures': 'Avoid injections or surgery',
  'understand-cause': 'Understand what is causing it',
};
