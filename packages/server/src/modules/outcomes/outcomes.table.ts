export interface OutcomeQuestionnaireTable {
  id: string;
  patient_id: string;
  plan_id: string;
  treatment_slug: string;
  /** Months after the plan's start: 0 (baseline), 3, 6 or 12. */
  month: number;
  due_at: number;
  /** After this the link and the portal stop taking answers (the outcome window has closed). */
  expires_at: number;
  /** Hash of the emailed link's token; a reminder replaces it, so only the latest link works. */
  token_hash: string | null;
  sent_at: number | null;
  reminded_at: number | null;
  answered_at: number | null;
  answered_via: 'portal' | 'link' | null;
  global_change: number | null;
  satisfaction: number | null;
  comment: string | null;
  created_at: number;
}

/**
 * One cohort patient's outcome for one treatment (decision 223), rebuilt from their measurements,
 * plans and sessions whenever one of those changes (`patients.outcomes_stale`, set by triggers).
 */
export interface OutcomeSummaryTable {
  patient_id: string;
  treatment_slug: string;
  /** '' for all scalp sites (each patient's baseline site), else the one site of a site filter. */
  site: string;
  /** The start of the patient's first started plan of the treatment (first session, else creation). */
  start_at: number;
  /** The provider of that plan's first session. */
  provider_id: string | null;
  last_contact_at: number | null;
  last_measurement_at: number | null;
  /** The patient's sessions of this treatment (side effects per 100 sessions). */
  treatment_sessions: number;
  /** Baseline exclusion and follow-ups (outcome-summaries.service.ts encodes them). */
  outcome_json: string;
}
