export interface PatientDocumentTable {
  id: string;
  patient_id: string;
  title: string;
  kind: string;
  file_key: string;
  mime: string;
  size_bytes: number;
  uploaded_by: string | null;
  created_at: number;
}
