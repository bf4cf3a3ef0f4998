import type { SideEffectSymptom } from './symptoms';

/** Why a report was triaged urgent. Each maps to one rule below. */
export type UrgentReason =
  | 'fever'
  | 'spreading-redness-or-warmth'
  | 'pus'
  | 'severe-pain'
  | 'worsening-pain'
  | 'vision-changes'
  | 'allergic-reaction';

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
  /** Every urgent rule that fired, in a stable order; empty when routine. */
  reasons: UrgentReason[];
  /** When a clinician must have reviewed the report, epoch ms; urgent reports are due at once. */
  reviewDueAt: number;
  /** True when the advice must name emergency services first (breathing, allergy, vision). */
  emergencyFirst: boolean;
}

/** Severity at or above which pain counts as severe. */
export const SEVERE_PAIN_THRESHOLD = 7;

const PAIN_SYMPTOMS: readonly SideEffectSymptom[] = ['pain', 'headache', 'tenderness', 'worsening-pain'];
const ALLERGY_SYMPTOMS: readonly SideEffectSymptom[] = ['face-or-lip-swelling', 'trouble-breathing', 'hives'];

/**
 * Sorts a side-effect report into urgent (call the clinic or emergency services now) or routine
 * (a clinician reviews it within the clinic's set hours). Deliberately errs towards urgent: any one
 * red-flag symptom is enough, whatever the severity score.
 */
export function triageSideEffect(input: SideEffectTriageInput, opts: TriageOptions): SideEffectTriage {
  if (!Number.isFinite(opts.routineReviewHours) || opts.routineReviewHours <= 0) {
    throw new RangeError('routineReviewHours must be a positive number');
  }
  const has = (s: SideEffectSymptom) => input.symptoms.includes(s);
  const reasons: UrgentReason[] = [];
  if (has('fever')) reasons.push('fever');
  if (has('spreading-redness') || has('warmth')) reasons.push('spreading-redness-or-warmth');
  if (has('pus')) reasons.push('pus');
  if (input.severity >= SEVERE_PAIN_THRESHOLD && PAIN_SYMPTOMS.some(has)) reasons.push('severe-pain');
  if (has('worsening-pain')) reasons.push('worsening-pain');
  if (has('vision-changes')) reasons.push('vision-changes');
  if (ALLERGY_SYMPTOMS.some(has)) reasons.push('allergic-reaction');

  const urgent = reasons.length > 0;
  return {
    urgency: urgent ? 'urgent' : 'routine',
    reasons,
    reviewDueAt: urgent ? opts.now : opts.now + Math.round(opts.routineReviewHours * 3_600_000),
    emergencyFirst: reasons.includes('vision-changes') || reasons.includes('allergic-reaction'),
  };
}

export const URGENT_REASON_LABELS: Record<UrgentReason, string> = {
  fever: 'fever',
  'spreading-redness-or-warmth': 'spreading redness or warmth',
  pus: 'pus or discharge',
  'severe-pain': `severe pain (${SEVERE_PAIN_THRESHOLD} or more out of 10)`,
  'worsening-pain': 'pain that is getting worse',
  'vision-changes': 'changes in vision',
  'allergic-reaction': 'signs of an allergic reaction',
};
