export interface ChecklistItemTable {
  id: string;
  patient_id: string;
  appointment_id: string;
  template_id: string;
  item_key: string;
  text: string;
  due_at: number;
  ticked_at: number | null;
  created_at: number;
}
