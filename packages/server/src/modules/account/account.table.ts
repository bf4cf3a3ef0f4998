import type { Generated } from 'kysely';

export interface DeletionRequestTable {
  id: string;
  patient_id: string;
  /** The user who asked (the patient's own account); null if that account was later removed. */
  requested_by: string | null;
  reason: string | null;
  status: Generated<'open' | 'resolved'>;
  created_at: number;
  /** When the clinic was emailed about it; null until the email job succeeds. */
  clinic_notified_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
  /** The clinic's answer to the patient: what was deleted, what is kept and for how long. */
  resolution_note: string | null;
}
