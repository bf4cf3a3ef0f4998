import type { EvidenceGrade, RegulatoryStatus } from './schema';

/** Text for the evidence badge; colour alone must never carry the grade. */
export const EVIDENCE_GRADE_LABELS: Record<EvidenceGrade, string> = {
  high: 'High certainty',
  moderate: 'Moderate certainty',
  low: 'Low certainty',
  'very-low': 'Very low certainty',
};

/** Text for the regulatory badge (US). */
export const REGULATORY_STATUS_LABELS: Record<RegulatoryStatus, string> = {
  'fda-approved': 'FDA-approved for hair loss',
  'fda-cleared-device': 'FDA-cleared device',
  'off-label': 'Off-label',
  'not-fda-approved': 'Not FDA-approved',
  'unapproved-drug-biologic': 'Not FDA-approved (unapproved drug or biologic)',
  'surgical-procedure': 'Surgical procedure',
  unverified: 'US status not yet verified',
};

/** Units of `Effect.value`, written out for people. */
export const EFFECT_UNIT_LABELS = {
  'percent-change-hair-count': '% change in hair count',
  'hairs-per-cm2': 'hairs/cm²',
  'percent-responders': '% of people responding',
  smd: 'standardised mean difference',
} as const;
