export interface UserTokenTable {
  /** sha-256 of the token (base64url); the raw token exists only in the emailed link. */
  id: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface LocationHoursTable {
  id: string;
  location_id: string;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** Local wall time "HH:MM" in the location's zone. */
  start_time: string;
  end_time: string;
}

export interface LocationClosureTable {
  id: string;
  location_id: string;
  /** Clinic-local dates, inclusive. */
  start_date: string;
  end_date: string;
  reason: string | null;
  created_at: number;
}
