import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const DAY = 86_400_000;

export interface FactoryMeasurement {
  /** Days after the plan's start (negative: before). */
  day: number;
  hairCount: number;
  site?: string;
  /** Calibrated trichoscopy (default) or a clinical photo without calibration. */
  standardized?: boolean;
  qualityOk?: boolean;
  /** Engine expected relative error stored with the measurement. */
  expectedError?: number;
  diameterUm?: number;
}

/**
 * Test data: a patient with a started plan of `treatment`, its sessions and measurements (area
 * 1 cm², so density = hair count). Returns the automatic measurement ids in order.
 */
export async function makeOutcomePatient(
  db: Kysely<Database>,
  o: {
    id: string;
    treatment: string;
    startAt: number;
    providerId: string;
    sessionDays?: number[];
    measurements: FactoryMeasurement[];
    sideEffectSeverities?: number[];
  },
): Promise<string[]> {
  await db
    .insertInto('patients')
    .values({
      id: o.id,
      user_id: null,
      name: `Outcome ${o.id}`,
      email: `${o.id}@example.org`,
      phone: null,
      birth_date: null,
      sex: null,
      created_at: o.startAt - 30 * DAY,
    })
    .execute();
  await db
    .insertInto('treatment_plans')
    .values({
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
    })
    .execute();
  for (const [i, day] of (o.sessionDays ?? [0]).entries()) {
    const at = o.startAt + day * DAY;
    await db
      .insertInto('treatment_sessions')
      .values({
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
      })
      .execute();
  }
  const ids: string[] = [];
  for (const [i, m] of o.measurements.entries()) {
    const at = o.startAt + m.day * DAY;
    const standardized = m.standardized ?? true;
    const photoId = `${o.id}-photo-${i}`;
    await db
      .insertInto('photos')
      .values({
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
      })
      .execute();
    const id = `${o.id}-m-${i}`;
    ids.push(id);
    await db
      .insertInto('measurements')
      .values({
        id,
        patient_id: o.id,
        photo_id: photoId,
        site: m.site ?? 'vertex-centre',
        taken_at: at,
        source: 'auto',
        corrects_id: null,
        hair_count: m.hairCount,
        density_per_cm2: m.hairCount,
        mean_diameter_um: m.diameterUm ?? 60,
        vellus_ratio: 0.2,
        terminal_ratio: 0.6,
        hair_mass_per_cm2: null,
        area_cm2: 1,
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
      })
      .execute();
  }
  for (const [i, severity] of (o.sideEffectSeverities ?? []).entries()) {
    const at = o.startAt + (i + 1) * DAY;
    await db
      .insertInto('side_effect_reports')
      .values({
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
        status: 'open',
        assessment: null,
        outcome: null,
        reviewed_by: null,
        reviewed_at: null,
        reported_by: null,
        created_at: at,
      })
      .execute();
  }
  return ids;
}
