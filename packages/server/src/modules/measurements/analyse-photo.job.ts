import type { HairAnalysisResult, HairTrace } from '@anagen/core/hair-analysis';
import { engineHairsWithTips } from '@anagen/core/hair-review';
import { z } from 'zod';
import { AppError } from '../../errors';
import { DeferJob, type JobHandler } from '../../lib/jobs/worker';
import { findPhotoRow, setAnalysisStatus } from '../photos/photos.repository';
import { withAnalysisSlot } from './analysis-slot';
import { decodeForAnalysis } from './decode-for-analysis';
import { findAutoMeasurementForPhoto } from './measurements.repository';
import { recordPhotoAnalysis } from './record-analysis';
import { runAnalysis } from './run-analysis';

const payloadSchema = z.object({ photoId: z.string() });

/**
 * Background analysis of an uploaded trichoscopy photo: decode the stored (sanitised) image, run
 * the engine, store an automatic measurement. Problems with the image itself (unreadable, wrong
 * calibration) mark the photo `failed` with a reason instead of retrying; infrastructure errors
 * throw so the worker retries with backoff.
 */
export const analysePhotoJob: JobHandler = async (payload, { deps }) => {
  const { photoId } = payloadSchema.parse(payload);
  const db = deps.db.kysely;
  const photo = await findPhotoRow(db, photoId);
  if (!photo) return; // deleted meanwhile
  if (await findAutoMeasurementForPhoto(db, photoId)) {
    await setAnalysisStatus(db, photoId, 'done');
    return;
  }
  if (photo.view !== 'trichoscopy' || !photo.um_per_px) {
    await setAnalysisStatus(db, photoId, 'failed', 'Only calibrated trichoscopy photos are analysed.');
    return;
  }
  const data = await deps.storage.get(photo.image_key);
  if (!data) {
    await setAnalysisStatus(db, photoId, 'failed', 'The stored image file is missing.');
    return;
  }
  let result: HairAnalysisResult;
  let traces: HairTrace[];
  try {
    // A background analysis does not wait for a slot: it goes back to the queue, so the worker is
    // free for mail meanwhile, and the photo stays in the clinic's visible queue.
    ({ result, traces = [] } = await withAnalysisSlot(
      deps,
      async () => runAnalysis(await decodeForAnalysis(data, Number(photo.um_per_px)), { detailed: true }),
      { waitMs: 0 },
    ));
  } catch (err) {
    if (err instanceof AppError && err.code === 'TOO_MANY_ATTEMPTS') throw new DeferJob(3000, err.message);
    const reason = err instanceof Error ? err.message : String(err);
    await setAnalysisStatus(
      db,
      photoId,
      'failed',
      `The image could not be analysed: ${reason}`.slice(0, 500),
    );
    return;
  }
  await recordPhotoAnalysis(
    db,
    photo,
    result,
    deps.clock.now(),
    undefined,
    engineHairsWithTips(result.hairs, traces),
  );
};
