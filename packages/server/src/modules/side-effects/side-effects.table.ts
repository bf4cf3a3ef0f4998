export interface SideEffectReportTable {
  id: string;
  patient_id: string;
  session_id: string | null;
  treatment_slug: string | null;
  symptoms_json: string;
  severity: number;
  onset_at: number;
  note: string | null;
  urgency: 'urgent' | 'routine';
  reasons_json: string;
  review_due_at: number;
  /** `open` also while under monitoring (latest outcome `monitoring`); `reviewed` once closed. */
  status: 'open' | 'reviewed';
  assessment: string | null;
  outcome: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  reported_by: string | null;
  created_at: number;
  /** When the clinician under "monitoring" wants to look again; null otherwise. */
  follow_up_at: number | null;
}

/** Every review of a report, oldest first; the report row carries the latest. */
export interface SideEffectReviewTable {
  id: string;
  report_id: string;
  assessment: string;
  outcome: string;
  follow_up_at: number | null;
  reviewed_by: string;
  reviewed_at: number;
}

export interface CareAlertTable {
  id: string;
  kind: 'urgent-side-effect';
  patient_id: string;
  report_id: string;
  created_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}
