export interface ConsentSignatureTable {
  id: string;
  patient_id: string;
  template_id: string;
  treatment_slug: string;
  version: number;
  title: string;
  /** The exact text shown and signed, copied so later template edits cannot change it. */
  signed_text: string;
  /** Hex SHA-256 of `signed_text` (UTF-8). */
  text_sha256: string;
  typed_name: string;
  signed_at: number;
  user_id: string | null;
  ip: string | null;
}
