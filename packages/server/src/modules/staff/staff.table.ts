export interface UserTokenTable {
  /** sha-256 of the token (base64url); the raw token exists only in the emailed link. */
  id: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
