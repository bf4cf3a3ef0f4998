import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const DAY = 86_400_000;

export interface FactoryMeasurement {
  /** Days after the plan's start (negative: before); fractions allowed (rounded to the ms). */
  day: number;
  hairCount: number;
  site?: string;
  /** Calibrated trichoscopy (default) or a clinical photo without calibration. */
  standardized?: boolean;
  qualityOk?: boolean;
  /** Engine expected relative error stored with the measurement. */
  expectedError?: number;
  diameterUm?: number;
  /** Counted area (default 1 cm², so density = hair count unless `densityPerCm2` is given). */
  areaCm2?: number;
  densityPerCm2?: number;
  /** A clinician's correction of this automatic row, saved `afterDays` later (default 1). */
  correction?: { hairCount: number; densityPerCm2: number; afterDays?: number };
}

export interface OutcomePatientSpec {
  id: string;
  treatment: string;
  startAt: number;
  providerId: string;
  /** Days after the start of each session (default: one on the start day). */
  sessionDays?: number[];
  measurements: FactoryMeasurement[];
  sideEffectSeverities?: number[];
}

/** One outcome patient's rows, table by table (insert in this order: later tables refer to earlier). */
export interface OutcomePatientRows {
  patients: Database['patients'][];
  treatment_plans: Database['treatment_plans'][];
  treatment_sessions: Database['treatment_sessions'][];
  photos: Database['photos'][];
  measurements: Database['measurements'][];
  side_effect_reports: Database['side_effect_reports'][];
  /** Ids of the automatic measurements, in the order given. */
  autoIds: string[];
}

export const OUTCOME_TABLES = [
  'patients',
  'treatment_plans',
  'treatment_sessions',
  'photos',
  'measurements',
  'side_effect_reports',
] as const;

/**
 * The rows of a patient with a started plan of `treatment`, its sessions, photos, measurements and
 * side-effect reports. The one generator of outcome data: the tests insert one patient at a time
 * (makeOutcomePatient), the benchmark (bench/outcomes.bench.ts) batches thousands.
 */
export function outcomePatientRows(o: OutcomePatientSpec): OutcomePatientRows {
  const rows: OutcomePatientRows = {
    patients: [],
    treatment_plans: [],
    treatment_sessions: [],
    photos: [],
    measurements: [],
    side_effect_reports: [],
    autoIds: [],
  };
  rows.patients.push({
    id: o.id,
    user_id: null,
    name: `Outcome ${o.id}`,
    email: `${o.id}@example.org`,
    phone: null,
    birth_date: null,
    sex: null,
    created_at: o.startAt - 30 * DAY,
  });
  rows.treatment_plans.push({
    id: `${o.id}-plan`,
    patient_id: o.id,
    treatment_slug: o.treatment,
    sessions_planned: 3,
    interval_weeks: 4,
    maintenance_interval_weeks: null,
    maintenance_note: null,
    goal: 'Test outcome',
    status: 'active',
    created_by: null,
    created_at: o.startAt - 7 * DAY,
    updated_at: o.startAt - 7 * DAY,
  });
  for (const [i, day] of (o.sessionDays ?? [0]).entries()) {
    const at = o.startAt + Math.round(day * DAY);
    rows.treatment_sessions.push({
      id: `${o.id}-session-${i}`,
      patient_id: o.id,
      plan_id: `${o.id}-plan`,
      appointment_id: null,
      provider_id: o.providerId,
      treatment_slug: o.treatment,
      performed_at: at,
      products_json: '[]',
      preparation_json: null,
      anaesthesia: null,
      injection_map_json: '[]',
      notes: null,
      status: 'signed',
      signed_at: at,
      signed_by: null,
      post_care_template_id: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    });
  }
  for (const [i, m] of o.measurements.entries()) {
    const at = o.startAt + Math.round(m.day * DAY);
    const standardized = m.standardized ?? true;
    const photoId = `${o.id}-photo-${i}`;
    rows.photos.push({
      id: photoId,
      patient_id: o.id,
      view: standardized ? 'trichoscopy' : 'vertex',
      site: m.site ?? 'vertex-centre',
      um_per_px: standardized ? 4 : null,
      taken_at: at,
      image_key: `k/${photoId}`,
      thumb_key: `t/${photoId}`,
      original_key: `o/${photoId}`,
      mime: 'image/png',
      original_mime: 'image/png',
      original_bytes: 1,
      width: 1,
      height: 1,
      analysis_status: 'done',
      analysis_error: null,
      uploaded_by: null,
      created_at: at,
    });
    const id = `${o.id}-m-${i}`;
    rows.autoIds.push(id);
    const area = m.areaCm2 ?? 1;
    const auto: Database['measurements'] = {
      id,
      patient_id: o.id,
      photo_id: photoId,
      site: m.site ?? 'vertex-centre',
      taken_at: at,
      source: 'auto',
      corrects_id: null,
      hair_count: m.hairCount,
      density_per_cm2: m.densityPerCm2 ?? m.hairCount / area,
      mean_diameter_um: m.diameterUm ?? 60,
      vellus_ratio: 0.2,
      terminal_ratio: 0.6,
      hair_mass_per_cm2: null,
      area_cm2: area,
      um_per_px: standardized ? 4 : null,
      quality_json: JSON.stringify({
        ok: m.qualityOk ?? true,
        confidence: 0.9,
        issues: m.qualityOk === false ? ['blurred'] : [],
        expectedError: m.expectedError ?? 0.01,
      }),
      engine_version: 'test',
      reason: null,
      created_by: null,
      created_at: at,
    };
    rows.measurements.push(auto);
    if (m.correction) {
      rows.measurements.push({
        ...auto,
        id: `${id}-c`,
        source: 'corrected',
        corrects_id: id,
        hair_count: m.correction.hairCount,
        density_per_cm2: m.correction.densityPerCm2,
        reason: 'recount',
        created_at: at + Math.round((m.correction.afterDays ?? 1) * DAY),
      });
    }
  }
  for (const [i, severity] of (o.sideEffectSeverities ?? []).entries()) {
    const at = o.startAt + (i + 1) * DAY;
    rows.side_effect_reports.push({
      id: `${o.id}-se-${i}`,
      patient_id: o.id,
      session_id: `${o.id}-session-0`,
      treatment_slug: o.treatment,
      symptoms_json: '["redness"]',
      severity,
      onset_at: at,
      note: null,
      urgency: 'routine',
      reasons_json: '[]',
      review_due_at: at + DAY,
      follow_up_at: null,
      status: 'open',
      assessment: null,
      outcome: null,
      reviewed_by: null,
      reviewed_at: null,
      reported_by: null,
      created_at: at,
    });
  }
  return rows;
}

/** Inserts one outcome patient (see outcomePatientRows); returns the automatic measurement ids in order. */
export async function makeOutcomePatient(db: Kysely<Database>, o: OutcomePatientSpec): Promise<string[]> {
  const rows = outcomePatientRows(o);
  for (const table of OUTCOME_TABLES) {
    const list = rows[table];
    if (list.length)
      await db
        .insertInto(table)
        .values(list as never)
        .execute();
  }
  return rows.autoIds;
}
