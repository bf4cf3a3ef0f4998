export interface AssessmentTable {
  id: string;
  patient_id: string;
  created_by: string | null;
  /** The validated answers (defaults applied). */
  input_json: string;
  /** The `CandidacyResult` as computed when the person submitted. */
  result_json: string;
  /** Plain-text summary for consultation notes. */
  summary: string;
  created_at: number;
}
