import type { LikelyStage } from './likely-stage';
import type { LikelyType } from './likely-type';
import type { AssessmentInput, OtherSymptom } from './schema';

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
    'Hair loss in children and teenagers has different causes and treatments. Please see a pediatrician or dermatologist together with a parent or guardian.',
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

/**
 * Findings that send the person to a physician before any cosmetic treatment. Any red flag sets
 * `seePhysicianFirst`; the rules follow clinical consensus on referral (see the evidence dossier).
 */
export function findRedFlags(a: AssessmentInput, type: LikelyType, stage: LikelyStage | null): RedFlag[] {
  const s = new Set(a.scalpSymptoms);
  const o = new Set(a.otherSymptoms);
  const c = new Set(a.conditions);
  const flags: RedFlagCode[] = [];
  const add = (cond: boolean, code: RedFlagCode) => {
    if (cond) flags.push(code);
  };
  add(s.has('scarring-shiny-patches'), 'scarring-signs');
  add(s.has('pustules') || s.has('redness') || c.has('active-scalp-infection'), 'inflamed-scalp');
  add(s.has('pain') || s.has('burning'), 'scalp-pain-or-burning');
  add(s.has('itch') || s.has('scaling'), 'itchy-or-scaly-scalp');
  add(['sudden-shedding', 'after-pregnancy', 'after-illness'].includes(a.onset), 'sudden-shedding');
  add(a.onset === 'after-chemotherapy' || a.onset === 'after-new-medication', 'medicine-or-chemotherapy');
  add(a.onset === 'patches' || o.has('nail-pitting'), 'patchy-loss');
  add(a.age < 18, 'under-18');
  add(
    SYSTEMIC.some((x) => o.has(x)),
    'systemic-symptoms',
  );
  add(a.sex !== 'male' && (o.has('irregular-periods') || o.has('new-acne-or-body-hair')), 'hormonal-signs');
  add(o.has('eyebrow-or-eyelash-loss'), 'eyebrow-or-eyelash-loss');
  add(o.has('hair-pulling') || o.has('significant-distress'), 'hair-pulling-or-distress');
  add(c.has('pregnancy') || c.has('breastfeeding'), 'pregnancy-or-breastfeeding');
  add(c.has('active-cancer'), 'active-cancer');
  add(type.code === 'unclear', 'atypical-pattern');
  add(
    a.sex === 'male' &&
      a.age < 25 &&
      a.durationMonths <= 12 &&
      stage?.system === 'norwood' &&
      ADVANCED_NORWOOD.has(stage.stage),
    'rapid-early-loss',
  );
  return flags.map((code) => ({ code, message: MESSAGES[code] }));
}
