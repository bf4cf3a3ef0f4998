import type { Generated } from 'kysely';

export interface DeletionRequestTable {
  id: string;
  patient_id: string;
  /** The user who asked (the patient's own account); null if that account was later removed. */
  requested_by: string | null;
  reason: string | null;
  status: Generated<'open'>;
  created_at: number;
  /** When the clinic was emailed about it; null until the email job succeeds. */
  clinic_notified_at: number | null;
}
