export type PublicationStatus = 'awaiting-consent' | 'published' | 'withdrawn';

/** One proposed before-and-after pair (decision 230). */
export interface PublicationTable {
  id: string;
  patient_id: string;
  treatment_slug: string;
  before_photo_id: string;
  after_photo_id: string;
  /** `PublicationCrop` as JSON: fractions of the photo, the same for both. */
  crop_json: string;
  /** Staff words shown with the pair (required when the change lies outside the clinic's spread). */
  note: string | null;
  /** `MeasuredChange` as JSON, computed when proposed; null without same-visit close-ups. */
  measured_change_json: string | null;
  status: PublicationStatus;
  show_face: number | null;
  /** Storage keys of the published files; set while published, null otherwise. */
  before_key: string | null;
  after_key: string | null;
  /** SHA-256 (hex) of the published files' bytes; kept after withdrawal for the audit trail. */
  before_sha256: string | null;
  after_sha256: string | null;
  /** `PublicationVerification` as JSON, fixed at consent. */
  verification_json: string | null;
  proposed_by: string | null;
  proposed_at: number;
  consented_at: number | null;
  withdrawn_at: number | null;
  withdrawn_by: string | null;
}
