export interface TreatmentPlanTable {
  id: string;
  patient_id: string;
  treatment_slug: string;
  sessions_planned: number;
  interval_weeks: number;
  maintenance_interval_weeks: number | null;
  maintenance_note: string | null;
  goal: string;
  status: 'proposed' | 'active' | 'completed' | 'stopped';
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface DiagnosisTable {
  id: string;
  patient_id: string;
  loss_type: string;
  scale: string;
  stage: string;
  diagnosed_at: number;
  source: 'clinician' | 'assessment';
  notes: string | null;
  recorded_by: string | null;
  created_at: number;
}

export interface ConsultationOverrideTable {
  id: string;
  patient_id: string;
  reason: string;
  created_by: string | null;
  created_at: number;
}
