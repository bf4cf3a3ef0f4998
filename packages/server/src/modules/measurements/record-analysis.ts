import type { HairAnalysisResult } from '@anagen/core/hair-analysis';
import type { ReviewedHair } from '@anagen/core/hair-review';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { setAnalysisStatus } from '../photos/photos.repository';
import type { PhotoTable } from '../photos/photos.table';
import { findAutoMeasurementForPhoto, insertHairList, insertMeasurement } from './measurements.repository';
import type { MeasurementTable } from './measurements.table';

/** The automatic measurement row for an engine result on a stored trichoscopy photo. */
function autoMeasurementRow(
  photo: Pick<PhotoTable, 'id' | 'patient_id' | 'site' | 'taken_at'>,
  result: HairAnalysisResult,
  now: number,
  id: string = newId(),
): MeasurementTable {
  return {
    id,
    patient_id: photo.patient_id,
    photo_id: photo.id,
    site: photo.site ?? 'unspecified',
    taken_at: photo.taken_at,
    source: 'auto',
    corrects_id: null,
    hair_count: result.hairCount,
    density_per_cm2: result.densityPerCm2,
    mean_diameter_um: result.meanDiameterUm,
    vellus_ratio: result.vellusRatio,
    terminal_ratio: result.terminalRatio,
    hair_mass_per_cm2: typeof result.hairMassPerCm2 === 'number' ? result.hairMassPerCm2 : null,
    area_cm2: result.areaCm2,
    um_per_px: result.umPerPx,
    quality_json: result.quality ? JSON.stringify(result.quality) : null,
    engine_version: result.engineVersion ?? null,
    reason: null,
    created_by: null,
    created_at: now,
  };
}

/**
 * Stores the automatic measurement of a photo and marks the photo analysed, in one transaction.
 * Idempotent: a photo has at most one automatic measurement (a retried job changes nothing).
 * `hairs` (the engine's hairs with their tips) are kept beside the row for review.
 */
export async function recordPhotoAnalysis(
  db: Kysely<Database>,
  photo: Pick<PhotoTable, 'id' | 'patient_id' | 'site' | 'taken_at'>,
  result: HairAnalysisResult,
  now: number,
  id?: string,
  hairs?: readonly ReviewedHair[],
): Promise<MeasurementTable> {
  return db.transaction().execute(async (trx) => {
    const existing = await findAutoMeasurementForPhoto(trx, photo.id);
    if (existing) return existing;
    const row = autoMeasurementRow(photo, result, now, id);
    await insertMeasurement(trx, row);
    if (hairs) await insertHairList(trx, row.id, hairs, row.engine_version, now);
    await setAnalysisStatus(trx, photo.id, 'done');
    return row;
  });
}
