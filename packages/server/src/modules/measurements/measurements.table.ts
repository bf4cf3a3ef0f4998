export interface MeasurementTable {
  id: string;
  patient_id: string;
  photo_id: string | null;
  site: string;
  taken_at: number;
  source: 'auto' | 'corrected' | 'verified';
  corrects_id: string | null;
  hair_count: number;
  density_per_cm2: number;
  mean_diameter_um: number;
  vellus_ratio: number;
  terminal_ratio: number | null;
  hair_mass_per_cm2: number | null;
  area_cm2: number;
  um_per_px: number | null;
  quality_json: string | null;
  engine_version: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: number;
  /** Verified rows: who reviewed the hairs on the image, and when. */
  verified_by?: string | null;
  verified_at?: number | null;
}

/** A measurement's hair list (`ReviewedHair[]` as JSON): engine hairs, or a verified review. */
export interface MeasurementHairsTable {
  measurement_id: string;
  hairs_json: string;
  engine_version: string | null;
  created_at: number;
}
