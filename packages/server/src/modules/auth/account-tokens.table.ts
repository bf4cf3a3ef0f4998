export type AccountTokenPurpose = 'verify-email' | 'password-reset' | 'booking-claim';

export interface AccountTokenTable {
  /** sha-256 of the token (base64url); the raw token exists only in the emailed link. */
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** booking-claim only: the guest record whose bookings move into the account's record. */
  patient_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface UnknownLoginFailureTable {
  /** sha-256 of the lower-cased email. */
  email_hash: string;
  failed_logins: number;
  locked_until: number | null;
  updated_at: number;
}
