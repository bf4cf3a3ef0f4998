export interface AppointmentTokenTable {
  /** sha256 of the raw token (base64url); the raw token only ever exists in a link. */
  token_hash: string;
  appointment_id: string;
  /** 'manage' (booking response) or 'email:<kind>' (a link in a message). */
  purpose: string;
  created_at: number;
}
