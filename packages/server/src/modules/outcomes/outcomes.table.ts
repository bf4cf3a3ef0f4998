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
