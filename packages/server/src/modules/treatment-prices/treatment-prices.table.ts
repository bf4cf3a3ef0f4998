/** A price the clinic set for one treatment; absent rows fall back to the demo defaults. */
export interface TreatmentPriceTable {
  treatment_slug: string;
  induction_sessions: number;
  interval_weeks: number;
  price_per_session_cents: number;
  maintenance_sessions_per_year: number;
  monthly_medication_cents: number;
  updated_by: string | null;
  updated_at: number;
}
