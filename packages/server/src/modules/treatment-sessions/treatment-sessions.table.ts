export interface TreatmentSessionTable {
  id: string;
  patient_id: string;
  plan_id: string | null;
  appointment_id: string | null;
  provider_id: string;
  treatment_slug: string;
  performed_at: number;
  products_json: string;
  preparation_json: string | null;
  anaesthesia: string | null;
  injection_map_json: string;
  notes: string | null;
  /** Signed records never change again; amendments are addenda. */
  status: 'draft' | 'signed';
  signed_at: number | null;
  signed_by: string | null;
  /** The post-care template version in force when the session was recorded. */
  post_care_template_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface SessionAddendumTable {
  id: string;
  session_id: string;
  text: string;
  created_by: string | null;
  created_at: number;
}
