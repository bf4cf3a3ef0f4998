import { engineHairsWithTips, type ReviewedHair } from '@anagen/core/hair-review';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { Storage } from '../../lib/storage';
import { findPhotoRow } from '../photos/photos.repository';
import type { PhotoTable } from '../photos/photos.table';
import { withAnalysisSlot } from './analysis-slot';
import { decodeForAnalysis } from './decode-for-analysis';
import { findHairList, insertHairList } from './measurements.repository';
import type { MeasurementTable } from './measurements.table';
import { runAnalysis } from './run-analysis';

export interface HairListDeps {
  db: Kysely<Database>;
  storage: Storage;
  clock: { now(): number };
  /** For the clinic-wide analysis slot when an old measurement's hairs must be found again. */
  app: Parameters<typeof withAnalysisSlot>[0];
}

/** The photo a hair list is drawn on: a calibrated trichoscopy image. */
export async function reviewablePhoto(db: Kysely<Database>, m: MeasurementTable): Promise<PhotoTable> {
  if (!m.photo_id) throw new AppError('UNPROCESSABLE', 'This measurement has no image to review.');
  const photo = await findPhotoRow(db, m.photo_id);
  if (!photo) throw notFound('Photo');
  if (photo.view !== 'trichoscopy' || !photo.um_per_px) {
    throw new AppError('UNPROCESSABLE', 'Only calibrated trichoscopy measurements have hairs to review.');
  }
  return photo;
}

/**
 * The hair list of a measurement. Automatic measurements made before hair lists were stored get
 * theirs by running the engine on the stored image again (the engine is deterministic, so the same
 * version gives the same hairs); the list is then kept beside the row, which itself never changes.
 */
export async function loadHairList(
  deps: HairListDeps,
  m: MeasurementTable,
): Promise<{ hairs: ReviewedHair[]; engineVersion: string | null }> {
  const stored = await findHairList(deps.db, m.id);
  if (stored) return stored;
  if (m.source !== 'auto') throw new AppError('UNPROCESSABLE', 'A typed correction has no hair list.');
  const photo = await reviewablePhoto(deps.db, m);
  const image = await deps.storage.get(photo.image_key);
  if (!image) throw notFound('Photo file');
  const { result, traces = [] } = await withAnalysisSlot(deps.app, async () =>
    runAnalysis(await decodeForAnalysis(image, Number(photo.um_per_px)), { detailed: true }),
  );
  const hairs = engineHairsWithTips(result.hairs, traces);
  await insertHairList(deps.db, m.id, hairs, result.engineVersion ?? null, deps.clock.now());
  return (await findHairList(deps.db, m.id)) ?? { hairs, engineVersion: result.engineVersion ?? null };
}
