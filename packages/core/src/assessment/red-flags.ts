import type { LikelyStage } from './likely-stage';
import type { LikelyType } from './likely-type';
import type { AssessmentInput, OtherSymptom } from './schema';

/** Where a referral rule comes from when no published guideline has been matched to it yet. */
export const REFERRAL_CONSENSUS =
  'Clinical consensus on referral (evidence dossier §5.5); no published guideline matched yet — unverified';

export const RED_FLAG_CODES = [
  'scarring-signs',
  'inflamed-scalp',
  'scalp-pain-or-burning',
  'itchy-or-scaly-scalp',
  'sudden-shedding',
  'medicine-or-chemotherapy',
  'patchy-loss',
  'under-18',
  'systemic-symptoms',
  'hormonal-signs',
  'eyebrow-or-eyelash-loss',
  'hair-pulling-or-distress',
  'pregnancy-or-breastfeeding',
  'active-cancer',
  'atypical-pattern',
  'rapid-early-loss',
  'child-under-12',
  'thyroid-disease',
  'low-iron',
  'isotretinoin',
  'autoimmune-disease',
  'diffuse-thinning-checks',
  'changing-scalp-lesion',
  'diet-or-eating-disorder',
  'rapid-progression',
  'planning-pregnancy',
] as const;
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

export interface RedFlag {
  code: RedFlagCode;
  message: string;
}

const MESSAGES: Record<RedFlagCode, string> = {
  'scarring-signs':
    'Shiny or scarred patches can mean a scarring type of hair loss, which can cause permanent loss if untreated. Please see a dermatologist; a scalp biopsy may be needed before any cosmetic treatment.',
  'inflamed-scalp':
    'Redness, pustules or infection on the scalp need a medical diagnosis and treatment first. Injections and procedures should wait until the scalp is healthy.',
  'scalp-pain-or-burning':
    'Pain or burning on the scalp is not typical of pattern hair loss. Please have a physician examine your scalp first.',
  'itchy-or-scaly-scalp':
    'An itchy or scaly scalp can come from a skin condition or an infection that is treated differently. Please have a physician look at it first.',
  'sudden-shedding':
    'Sudden or heavy shedding often has a cause that can be found and treated, such as thyroid problems, low iron, a recent illness or childbirth. A physician can check for these.',
  'medicine-or-chemotherapy':
    'Hair loss that started with chemotherapy or a new medicine should be discussed with the doctor who prescribed it. Do not stop a medicine on your own.',
  'patchy-loss':
    'Round, smooth patches are often alopecia areata, an immune condition with its own medical treatments. A dermatologist should confirm the diagnosis.',
  'under-18':
    'Hair loss in teenagers has different causes and treatments. Please see a pediatrician or dermatologist together with a parent or guardian.',
  'child-under-12':
    'Hair loss in a child has its own causes, such as a fungal scalp infection, alopecia areata or hair pulling, and needs a pediatrician or dermatologist. None of the treatments listed here are for children; please book with your child’s doctor.',
  'thyroid-disease':
    'Thyroid disease can cause or worsen hair loss. Please have your thyroid blood tests checked, and your treatment adjusted if needed, before starting a hair treatment.',
  'low-iron':
    'Low iron is a common, treatable cause of hair shedding. Please have your iron (ferritin) and blood count checked and treated first.',
  isotretinoin:
    'Isotretinoin can cause hair shedding. Please discuss your hair loss with the doctor who prescribes it before starting a hair treatment, and do not stop it on your own.',
  'autoimmune-disease':
    'Autoimmune diseases such as lupus or alopecia areata can themselves cause hair loss, sometimes a scarring kind. A physician should check which kind of hair loss you have before any cosmetic treatment.',
  'diffuse-thinning-checks':
    'Thinning all over can be female pattern hair loss, but it can also be a shedding episode (telogen effluvium), low iron or a thyroid problem, which are treated differently. Please ask a physician to check for these, usually with blood tests, before starting a treatment.',
  'changing-scalp-lesion':
    'A spot on the scalp that is changing, bleeding or not healing should be examined by a physician soon. Please have it checked before any hair treatment.',
  'diet-or-eating-disorder':
    'Crash diets and eating disorders can cause heavy shedding. A physician can check for what your body is missing and help you. If food or weight is a struggle for you, you deserve support for that too.',
  'rapid-progression':
    'Hair loss that gets worse quickly, especially in women, should be checked by a physician before treatment; a hormonal cause is one of the things to rule out.',
  'planning-pregnancy':
    'If you are planning a pregnancy, please talk to your physician before starting any hair-loss medicine. Finasteride and dutasteride must not be used by anyone who could become pregnant, and several other medicines are not advised in pregnancy.',
  'systemic-symptoms':
    'Weight change, tiredness, fever, joint pain or a rash together with hair loss can point to a general health problem. Please see a physician first.',
  'hormonal-signs':
    'Irregular periods, new acne or new body hair together with hair loss can point to a hormonal cause. A physician can test for this.',
  'eyebrow-or-eyelash-loss':
    'Losing eyebrows or eyelashes can be part of alopecia areata or a scarring condition. Please see a dermatologist.',
  'hair-pulling-or-distress':
    'If you pull your hair or your hair loss causes you great distress, a physician can help with both. You deserve support for how you feel, not only for your hair.',
  'pregnancy-or-breastfeeding':
    'Several hair-loss medicines must not be used in pregnancy or while breastfeeding, and hair often changes after childbirth by itself. Please talk to your physician or midwife first.',
  'active-cancer':
    'With active cancer or cancer treatment, please discuss any hair treatment with your oncology team first.',
  'atypical-pattern':
    'Your hair loss does not follow a typical pattern. A physician should find the cause before you choose a treatment.',
  'rapid-early-loss':
    'Fast, extensive hair loss at a young age is worth a medical check to confirm the cause before you start treatment.',
};

const SYSTEMIC: readonly OtherSymptom[] = [
  'weight-change',
  'fatigue',
  'fever',
  'joint-pain',
  'rash-or-sun-sensitivity',
];
const ADVANCED_NORWOOD = new Set(['IV', 'IVa', 'V', 'Va', 'VI', 'VII']);

/** What a rule may look at: the answers and what was derived from them. */
export interface FlagContext {
  a: AssessmentInput;
  type: LikelyType;
  stage: LikelyStage | null;
}

/** One referral rule. docs/clinical-rules.md shows the same list; a test keeps the two in step. */
export interface RedFlagRule {
  code: RedFlagCode;
  /** The answers that raise the flag, in words. */
  when: string;
  /** Where the rule comes from: a reference id from content/references.json or the consensus note. */
  source: string;
  applies: (x: FlagContext) => boolean;
}

const scalp = (x: FlagContext, ...s: AssessmentInput['scalpSymptoms']) =>
  s.some((v) => x.a.scalpSymptoms.includes(v));
const other = (x: FlagContext, ...s: OtherSymptom[]) => s.some((v) => x.a.otherSymptoms.includes(v));
const condition = (x: FlagContext, ...s: AssessmentInput['conditions']) =>
  s.some((v) => x.a.conditions.includes(v));

/**
 * Every referral rule, in the order flags are reported. Any flag sets `seePhysicianFirst`; the
 * rules follow clinical consensus on referral (see the source of each).
 */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    code: 'scarring-signs',
    when: 'Scalp: scarred or shiny, smooth patches',
    source: REFERRAL_CONSENSUS,
    applies: (x) => scalp(x, 'scarring-shiny-patches'),
  },
  {
    code: 'inflamed-scalp',
    when: 'Scalp: pus-filled spots or redness; or a scalp infection now',
    source: REFERRAL_CONSENSUS,
    applies: (x) => scalp(x, 'pustules', 'redness') || condition(x, 'active-scalp-infection'),
  },
  {
    code: 'scalp-pain-or-burning',
    when: 'Scalp: pain or burning',
    source: REFERRAL_CONSENSUS,
    applies: (x) => scalp(x, 'pain', 'burning'),
  },
  {
    code: 'itchy-or-scaly-scalp',
    when: 'Scalp: itching or scaling',
    source: REFERRAL_CONSENSUS,
    applies: (x) => scalp(x, 'itch', 'scaling'),
  },
  {
    code: 'changing-scalp-lesion',
    when: 'Scalp: a spot that is changing, bleeding or not healing',
    source: REFERRAL_CONSENSUS,
    applies: (x) => scalp(x, 'changing-or-bleeding-spot'),
  },
  {
    code: 'sudden-shedding',
    when: 'Onset: sudden shedding, after pregnancy or after an illness',
    source: REFERRAL_CONSENSUS,
    applies: (x) => ['sudden-shedding', 'after-pregnancy', 'after-illness'].includes(x.a.onset),
  },
  {
    code: 'diffuse-thinning-checks',
    when: 'Onset: thinning all over, sex female or another answer (checks for telogen effluvium, iron, thyroid)',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.onset === 'diffuse-thinning' && x.a.sex !== 'male',
  },
  {
    code: 'medicine-or-chemotherapy',
    when: 'Onset: after chemotherapy or after a new medicine',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.onset === 'after-chemotherapy' || x.a.onset === 'after-new-medication',
  },
  {
    code: 'patchy-loss',
    when: 'Onset: round or oval patches; or pitted nails',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.onset === 'patches' || other(x, 'nail-pitting'),
  },
  {
    code: 'child-under-12',
    when: 'Age under 12',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.age < 12,
  },
  {
    code: 'under-18',
    when: 'Age 12 to 17',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.age >= 12 && x.a.age < 18,
  },
  {
    code: 'systemic-symptoms',
    when: 'Weight change, tiredness, fever, joint pain, or a rash or sun sensitivity',
    source: REFERRAL_CONSENSUS,
    applies: (x) => other(x, ...SYSTEMIC),
  },
  {
    code: 'hormonal-signs',
    when: 'Irregular periods, or new acne or body hair, with sex female or another answer',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.a.sex !== 'male' && other(x, 'irregular-periods', 'new-acne-or-body-hair'),
  },
  {
    code: 'diet-or-eating-disorder',
    when: 'A crash diet or an eating disorder',
    source: REFERRAL_CONSENSUS,
    applies: (x) => other(x, 'crash-diet-or-eating-disorder'),
  },
  {
    code: 'thyroid-disease',
    when: 'Condition: thyroid disease (check thyroid tests first)',
    source: REFERRAL_CONSENSUS,
    applies: (x) => condition(x, 'thyroid-disease'),
  },
  {
    code: 'low-iron',
    when: 'Condition: low iron (check ferritin and blood count first)',
    source: REFERRAL_CONSENSUS,
    applies: (x) => condition(x, 'iron-deficiency'),
  },
  {
    code: 'isotretinoin',
    when: 'Medicine: isotretinoin (a retinoid)',
    source: REFERRAL_CONSENSUS,
    applies: (x) => condition(x, 'isotretinoin'),
  },
  {
    code: 'autoimmune-disease',
    when: 'Condition: an autoimmune disease',
    source: REFERRAL_CONSENSUS,
    applies: (x) => condition(x, 'autoimmune-disease'),
  },
  {
    code: 'eyebrow-or-eyelash-loss',
    when: 'Losing eyebrows or eyelashes',
    source: REFERRAL_CONSENSUS,
    applies: (x) => other(x, 'eyebrow-or-eyelash-loss'),
  },
  {
    code: 'hair-pulling-or-distress',
    when: 'Pulling out one’s hair, or great distress',
    source: REFERRAL_CONSENSUS,
    applies: (x) => other(x, 'hair-pulling', 'significant-distress'),
  },
  {
    code: 'pregnancy-or-breastfeeding',
    when: 'Condition: pregnant or breastfeeding',
    source: `propecia-label-2012; ${REFERRAL_CONSENSUS}`,
    applies: (x) => condition(x, 'pregnancy', 'breastfeeding'),
  },
  {
    code: 'planning-pregnancy',
    when: 'Condition: planning a pregnancy',
    source: `propecia-label-2012; ${REFERRAL_CONSENSUS}`,
    applies: (x) => condition(x, 'planning-pregnancy'),
  },
  {
    code: 'active-cancer',
    when: 'Condition: active cancer or chemotherapy',
    source: REFERRAL_CONSENSUS,
    applies: (x) => condition(x, 'active-cancer'),
  },
  {
    code: 'atypical-pattern',
    when: 'No likely type from the answers (e.g. a man thinning all over)',
    source: REFERRAL_CONSENSUS,
    applies: (x) => x.type.code === 'unclear',
  },
  {
    code: 'rapid-early-loss',
    when: 'Man under 25, loss for 12 months or less, Norwood IV or beyond',
    source: REFERRAL_CONSENSUS,
    applies: (x) =>
      x.a.sex === 'male' &&
      x.a.age < 25 &&
      x.a.durationMonths <= 12 &&
      x.stage?.system === 'norwood' &&
      ADVANCED_NORWOOD.has(x.stage.stage),
  },
  {
    code: 'rapid-progression',
    when: '“Getting worse fast” (anyone); or a Ludwig II–III / Sinclair 3–5 stage reached within 12 months',
    source: REFERRAL_CONSENSUS,
    applies: (x) =>
      other(x, 'getting-worse-fast') ||
      ((x.stage?.system === 'ludwig' || x.stage?.system === 'sinclair') &&
        x.stage.severity !== 'mild' &&
        x.a.durationMonths <= 12),
  },
];

/** Findings that send the person to a physician before any cosmetic treatment, in rule order. */
export function findRedFlags(a: AssessmentInput, type: LikelyType, stage: LikelyStage | null): RedFlag[] {
  const x = { a, type, stage };
  return RED_FLAG_RULES.filter((r) => r.applies(x)).map(({ code }) => ({ code, message: MESSAGES[code] }));
}

/** The plain-language message for a flag. */
export const redFlagMessage = (code: RedFlagCode): string => MESSAGES[code];
