import type { Measurement } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
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
