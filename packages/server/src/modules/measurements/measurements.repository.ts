import type { Measurement } from '@anagen/core/contracts';
import type { ReviewedHair } from '@anagen/core/hair-review';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { MeasurementTable } from './measurements.table';

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toMeasurement(r: MeasurementTable): Measurement {
  return {
    id: r.id,
    site: r.site,
    takenAt: new Date(Number(r.taken_at)).toISOString(),
    hairCount: Number(r.hair_count),
    densityPerCm2: Number(r.density_per_cm2),
    meanDiameterUm: Number(r.mean_diameter_um),
    vellusRatio: Number(r.vellus_ratio),
    terminalRatio: num(r.terminal_ratio),
    hairMassPerCm2: num(r.hair_mass_per_cm2),
    areaCm2: Number(r.area_cm2),
    source: r.source,
    photoId: r.photo_id,
    correctsId: r.corrects_id,
    engineVersion: r.engine_version,
    quality: r.quality_json ? JSON.parse(r.quality_json) : null,
    reason: r.reason,
    createdAt: Number(r.created_at),
    verifiedBy: r.verified_by ?? null,
    verifiedAt: num(r.verified_at ?? null),
  };
}

export async function insertMeasurement(db: Kysely<Database>, row: MeasurementTable): Promise<void> {
  await db.insertInto('measurements').values(row).execute();
}

export async function findMeasurementRow(
  db: Kysely<Database>,
  id: string,
): Promise<MeasurementTable | undefined> {
  return db.selectFrom('measurements').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The automatic measurement a row stands for: itself, or the one a correction or verification
 * corrects. Corrections and verifications always sit beside that one automatic value.
 */
export async function findAutomaticMeasurement(
  db: Kysely<Database>,
  id: string,
): Promise<MeasurementTable | undefined> {
  const row = await findMeasurementRow(db, id);
  return row && row.source !== 'auto' && row.corrects_id ? findMeasurementRow(db, row.corrects_id) : row;
}

export async function findAutoMeasurementForPhoto(
  db: Kysely<Database>,
  photoId: string,
): Promise<MeasurementTable | undefined> {
  return db
    .selectFrom('measurements')
    .selectAll()
    .where('photo_id', '=', photoId)
    .where('source', '=', 'auto')
    .executeTakeFirst();
}

/** Automatic and corrected rows together, by site then date; a correction follows its automatic row. */
export async function listMeasurementRows(
  db: Kysely<Database>,
  patientId: string,
): Promise<MeasurementTable[]> {
  return db
    .selectFrom('measurements')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('site')
    .orderBy('taken_at')
    .orderBy('created_at')
    .orderBy('source')
    .execute();
}

/** The stored hair list of a measurement (engine hairs or a verified review), if there is one. */
export async function findHairList(
  db: Kysely<Database>,
  measurementId: string,
): Promise<{ hairs: ReviewedHair[]; engineVersion: string | null } | undefined> {
  const row = await db
    .selectFrom('measurement_hairs')
    .select(['hairs_json', 'engine_version'])
    .where('measurement_id', '=', measurementId)
    .executeTakeFirst();
  return row
    ? { hairs: JSON.parse(row.hairs_json) as ReviewedHair[], engineVersion: row.engine_version }
    : undefined;
}

/** Stores a hair list once; a second call for the same measurement (a retried job) changes nothing. */
export async function insertHairList(
  db: Kysely<Database>,
  measurementId: string,
  hairs: readonly ReviewedHair[],
  engineVersion: string | null,
  now: number,
): Promise<void> {
  await db
    .insertInto('measurement_hairs')
    .values({
      measurement_id: measurementId,
      hairs_json: JSON.stringify(hairs),
      engine_version: engineVersion,
      created_at: now,
    })
    .onConflict((oc) => oc.column('measurement_id').doNothing())
    .execute();
}

/** Verified measurements with the automatic row each reviews, oldest first (all patients). */
export async function listVerifiedPairs(db: Kysely<Database>): Promise<
  {
    verifiedId: string;
    autoId: string;
    verifiedCount: number;
    autoCount: number;
    umPerPx: number | null;
    engineVersion: string | null;
    verifiedAt: number;
    photoId: string | null;
  }[]
> {
  const rows = await db
    .selectFrom('measurements as v')
    .innerJoin('measurements as a', 'a.id', 'v.corrects_id')
    .select([
      'v.id as verifiedId',
      'a.id as autoId',
      'v.hair_count as verifiedCount',
      'a.hair_count as autoCount',
      'a.um_per_px as umPerPx',
      'a.engine_version as engineVersion',
      'v.verified_at as verifiedAt',
      'v.created_at as createdAt',
      'a.photo_id as photoId',
    ])
    .where('v.source', '=', 'verified')
    .where('a.source', '=', 'auto')
    .orderBy('v.created_at')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    verifiedId: r.verifiedId,
    autoId: r.autoId,
    verifiedCount: Number(r.verifiedCount),
    autoCount: Number(r.autoCount),
    umPerPx: num(r.umPerPx),
    engineVersion: r.engineVersion,
    verifiedAt: Number(r.verifiedAt ?? r.createdAt),
    photoId: r.photoId,
  }));
}

/** A user's display name, for "verified by". */
export async function findUserName(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * The treatment a patient's progress is compared against: their current plan's treatment (active,
 * then completed, then proposed; newest first). Read with plain SQL so this module does not depend
 * on the plans module's types; answers null when there is no plan (or no plans table yet).
 */
export async function findPlanTreatmentSlug(db: Kysely<Database>, patientId: string): Promise<string | null> {
  try {
    const res = await sql<{ treatment_slug: string }>`
      select treatment_slug from treatment_plans
      where patient_id = ${patientId} and status in ('active', 'completed', 'proposed')
      order by case status when 'active' then 0 when 'completed' then 1 else 2 end, created_at desc
      limit 1`.execute(db);
    return res.rows[0]?.treatment_slug ?? null;
  } catch {
    return null;
  }
}
