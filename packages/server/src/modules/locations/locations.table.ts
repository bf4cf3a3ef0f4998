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
