import type { SideEffectSymptom } from './symptoms';

/** Why a report was triaged urgent. Each maps to one rule in `TRIAGE_RULES`. */
export const URGENT_REASONS = [
  'fever',
  'spreading-redness-or-warmth',
  'pus',
  'severe-pain',
  'worsening-pain',
  'vision-changes',
  'allergic-reaction',
  'stroke-signs',
  'chest-pain',
  'fainting-or-breathlessness',
  'racing-heart-or-dizziness',
  'leg-or-ankle-swelling',
  'vascular-occlusion',
  'uncontrolled-bleeding',
  'low-mood-or-self-harm',
  'infection-signs',
] as const;
export type UrgentReason = (typeof URGENT_REASONS)[number];

export interface SideEffectTriageInput {
  symptoms: readonly SideEffectSymptom[];
  /** Patient-rated severity, 0 (none) to 10 (worst imaginable). */
  severity: number;
}

export interface TriageOptions {
  /** Report time, epoch ms. */
  now: number;
  /** Clinic setting: hours within which a clinician reviews a routine report (> 0). */
  routineReviewHours: number;
}

export interface SideEffectTriage {
  urgency: 'urgent' | 'routine';
  /** Every urgent rule that fired, in a stable order (the order of `TRIAGE_RULES`); empty when routine. */
  reasons: UrgentReason[];
  /** When a clinician must have reviewed the report, epoch ms; urgent reports are due at once. */
  reviewDueAt: number;
  /** True when the advice must name emergency services first (breathing, allergy, vision, heart, stroke). */
  emergencyFirst: boolean;
  /** True when the advice must give a crisis line (low mood or thoughts of self-harm). */
  crisisLine: boolean;
}

/** Severity at or above which pain counts as severe. */
export const SEVERE_PAIN_THRESHOLD = 7;

/** One urgent rule. docs/clinical-rules.md shows the same list; a test keeps the two in step. */
export interface TriageRule {
  reason: UrgentReason;
  /** Any one of these symptoms fires the rule. */
  symptoms: readonly SideEffectSymptom[];
  /** When set, the symptoms count only at or above this patient-rated severity. */
  minSeverity?: number;
  /** Call emergency services before the clinic. */
  emergencyFirst: boolean;
  /** Show a crisis line (988 in the US). */
  crisisLine: boolean;
  /** Where the rule comes from: reference ids from content/references.json, the guide, or a note. */
  source: string;
}

const GUIDE_WHEN_TO_CALL = 'Guide “Side effects and aftercare”, call-promptly list';
const JAK_BOXED =
  'JAK-inhibitor boxed warning (serious infection, heart events, clots) — dossier marks it background, unverified';

/**
 * Every urgent rule, in the order reasons are reported. Deliberately errs towards urgent: any one
 * red-flag symptom is enough, whatever the severity score (except plain pain, which needs a score).
 */
export const TRIAGE_RULES: readonly TriageRule[] = [
  {
    reason: 'fever',
    symptoms: ['fever'],
    emergencyFirst: false,
    crisisLine: false,
    source: GUIDE_WHEN_TO_CALL,
  },
  {
    reason: 'spreading-redness-or-warmth',
    symptoms: ['spreading-redness', 'warmth'],
    emergencyFirst: false,
    crisisLine: false,
    source: GUIDE_WHEN_TO_CALL,
  },
  { reason: 'pus', symptoms: ['pus'], emergencyFirst: false, crisisLine: false, source: GUIDE_WHEN_TO_CALL },
  {
    reason: 'severe-pain',
    symptoms: ['pain', 'headache', 'tenderness', 'worsening-pain'],
    minSeverity: SEVERE_PAIN_THRESHOLD,
    emergencyFirst: false,
    crisisLine: false,
    source: GUIDE_WHEN_TO_CALL,
  },
  {
    reason: 'worsening-pain',
    symptoms: ['worsening-pain'],
    emergencyFirst: false,
    crisisLine: false,
    source: GUIDE_WHEN_TO_CALL,
  },
  {
    reason: 'vision-changes',
    symptoms: ['vision-changes'],
    emergencyFirst: true,
    crisisLine: false,
    source: `${GUIDE_WHEN_TO_CALL}; fda-regenerative-2021 (blindness reported)`,
  },
  {
    reason: 'allergic-reaction',
    symptoms: ['face-or-lip-swelling', 'trouble-breathing', 'hives'],
    emergencyFirst: true,
    crisisLine: false,
    source: 'Patient-safety default for anaphylaxis signs (no study needed; not in the dossier)',
  },
  {
    reason: 'stroke-signs',
    symptoms: ['stroke-signs'],
    emergencyFirst: true,
    crisisLine: false,
    source: JAK_BOXED,
  },
  {
    reason: 'chest-pain',
    symptoms: ['chest-pain'],
    emergencyFirst: true,
    crisisLine: false,
    source: `${GUIDE_WHEN_TO_CALL} (oral minoxidil); ${JAK_BOXED}`,
  },
  {
    reason: 'fainting-or-breathlessness',
    symptoms: ['fainting', 'breathlessness'],
    emergencyFirst: true,
    crisisLine: false,
    source: `jimenezcauhe2020 (postural hypotension 1.1 %); ${JAK_BOXED}`,
  },
  {
    reason: 'racing-heart-or-dizziness',
    symptoms: ['palpitations', 'dizziness'],
    emergencyFirst: false,
    crisisLine: false,
    source: `${GUIDE_WHEN_TO_CALL} (oral minoxidil); jimenezcauhe2020 (heart-rate change 1.3 %, postural hypotension 1.1 %)`,
  },
  {
    reason: 'leg-or-ankle-swelling',
    symptoms: ['leg-or-ankle-swelling'],
    emergencyFirst: false,
    crisisLine: false,
    source: `${GUIDE_WHEN_TO_CALL}; jimenezcauhe2020 (ankle oedema 2 %); ${JAK_BOXED}`,
  },
  {
    reason: 'vascular-occlusion',
    symptoms: ['skin-blanching-or-dusky'],
    emergencyFirst: false,
    crisisLine: false,
    source:
      'Issue 20 clinical review (blocked blood vessel after an injection); not in the dossier — unverified',
  },
  {
    reason: 'uncontrolled-bleeding',
    symptoms: ['bleeding-that-will-not-stop'],
    emergencyFirst: false,
    crisisLine: false,
    source:
      'Issue 20 clinical review; bleeding risk with blood thinners is why PRP lists them (prp-devices-2014)',
  },
  {
    reason: 'low-mood-or-self-harm',
    symptoms: ['low-mood', 'self-harm-thoughts'],
    emergencyFirst: false,
    crisisLine: true,
    source: `${GUIDE_WHEN_TO_CALL} (finasteride, dutasteride); fda-topical-finasteride-2025 (depression, suicidal ideation)`,
  },
  {
    reason: 'infection-signs',
    symptoms: ['infection-signs'],
    emergencyFirst: false,
    crisisLine: false,
    source: `${GUIDE_WHEN_TO_CALL} (JAK inhibitors); ${JAK_BOXED}`,
  },
];

/**
 * Sorts a side-effect report into urgent (call the clinic or emergency services now) or routine
 * (a clinician reviews it within the clinic's set hours).
 */
export function triageSideEffect(input: SideEffectTriageInput, opts: TriageOptions): SideEffectTriage {
  if (!Number.isFinite(opts.routineReviewHours) || opts.routineReviewHours <= 0) {
    throw new RangeError('routineReviewHours must be a positive number');
  }
  const fired = TRIAGE_RULES.filter(
    (r) =>
      r.symptoms.some((s) => input.symptoms.includes(s)) &&
      (r.minSeverity === undefined || input.severity >= r.minSeverity),
  );
  const urgent = fired.length > 0;
  return {
    urgency: urgent ? 'urgent' : 'routine',
    reasons: fired.map((r) => r.reason),
    reviewDueAt: urgent ? opts.now : opts.now + Math.round(opts.routineReviewHours * 3_600_000),
    emergencyFirst: fired.some((r) => r.emergencyFirst),
    crisisLine: fired.some((r) => r.crisisLine),
  };
}

/** Symptoms that can make a report urgent on their own, for listing them first in forms. */
export const URGENT_SYMPTOMS: readonly SideEffectSymptom[] = [
  ...new Set(
    [...TRIAGE_RULES]
      .sort((x, y) => Number(y.emergencyFirst) - Number(x.emergencyFirst))
      .filter((r) => r.minSeverity === undefined)
      .flatMap((r) => r.symptoms),
  ),
];

export const URGENT_REASON_LABELS: Record<UrgentReason, string> = {
  fever: 'fever',
  'spreading-redness-or-warmth': 'spreading redness or warmth',
  pus: 'pus or discharge',
  'severe-pain': `severe pain (${SEVERE_PAIN_THRESHOLD} or more out of 10)`,
  'worsening-pain': 'pain that is getting worse',
  'vision-changes': 'changes in vision',
  'allergic-reaction': 'signs of an allergic reaction',
  'stroke-signs': 'signs of a stroke',
  'chest-pain': 'chest pain',
  'fainting-or-breathlessness': 'fainting or shortness of breath',
  'racing-heart-or-dizziness': 'racing heart or dizziness',
  'leg-or-ankle-swelling': 'swollen legs or ankles',
  'vascular-occlusion': 'pale, dusky or mottled skin after an injection (possible blocked blood vessel)',
  'uncontrolled-bleeding': 'bleeding that will not stop',
  'low-mood-or-self-harm': 'low mood or thoughts of self-harm',
  'infection-signs': 'signs of an infection',
};

/**
 * What to do for each urgent reason, added to the advice after the call instruction. Written for the
 * patient; the numbers to call are filled in by the caller.
 */
export const URGENT_REASON_ADVICE: Partial<Record<UrgentReason, string>> = {
  'stroke-signs':
    'Face drooping, arm weakness or slurred speech can be a stroke: call emergency services first, note the time it started, and do not drive yourself.',
  'chest-pain': 'Chest pain needs emergency care now; do not drive yourself.',
  'fainting-or-breathlessness':
    'If you fainted or are short of breath, call emergency services first; sit or lie down while you wait.',
  'vascular-occlusion':
    'Pale, dusky or blotchy skin after an injection can mean a blood vessel is blocked. Call the clinic now, even out of hours: it needs to be seen straight away.',
  'uncontrolled-bleeding':
    'Keep firm pressure on the spot with a clean cloth while you call. If the bleeding is heavy, call emergency services.',
  'low-mood-or-self-harm':
    'You are not alone. Call or text 988 (Suicide & Crisis Lifeline, 24 hours) now. If you might act on thoughts of harming yourself, call emergency services. Do not stop or change a medicine without talking to us.',
  'leg-or-ankle-swelling':
    'One swollen, painful leg can mean a blood clot; if you also have chest pain or shortness of breath, call emergency services.',
  'racing-heart-or-dizziness': 'Sit or lie down until it passes, and do not drive.',
};
