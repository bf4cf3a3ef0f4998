import type { MeasurementVerification } from '@anagen/core/contracts';
import { reviewHairs, summarizeReviewedHairs } from '@anagen/core/hair-review';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { insertAuditEntry } from '../audit/audit.repository';
import { type HairListDeps, loadHairList, reviewablePhoto } from './hair-list';
import { insertHairList, insertMeasurement } from './measurements.repository';
import type { MeasurementTable } from './measurements.table';

export interface VerifyingActor {
  userId: string;
  role: string;
  ip: string | null;
}

/**
 * A clinician's hair-by-hair verification of an automatic measurement, stored as a new `verified`
 * row beside it (the automatic row is never changed) with its hair list; the row, the list and the
 * audit entry land in one transaction. `auto` must be the automatic row. Verifying again adds a
 * newer verified row; the latest clinician review is the one that counts (build-progress.ts).
 */
export async function verifyMeasurement(
  deps: HairListDeps,
  actor: VerifyingActor,
  auto: MeasurementTable,
  input: MeasurementVerification,
): Promise<MeasurementTable> {
  if (auto.source !== 'auto')
    throw new AppError('UNPROCESSABLE', 'Only an automatic measurement can be verified.');
  const photo = await reviewablePhoto(deps.db, auto);
  const width = Number(photo.width);
  const height = Number(photo.height);
  const outside = input.hairs.findIndex((h) => h.x >= width || h.y >= height);
  if (outside >= 0) {
    const h = input.hairs[outside]!;
    throw new AppError(
      'VALIDATION_FAILED',
      `Hair ${outside + 1} at (${h.x}, ${h.y}) lies outside the ${width}×${height} image.`,
    );
  }
  const area = Number(auto.area_cm2);
  if (!(area > 0)) throw new AppError('UNPROCESSABLE', 'This measurement has no imaged area.');
  const engine = await loadHairList(deps, auto);
  const review = reviewHairs(engine.hairs, input.hairs);
  const summary = summarizeReviewedHairs(review.hairs, area);
  const now = deps.clock.now();
  const row: MeasurementTable = {
    ...auto,
    id: newId(),
    source: 'verified',
    corrects_id: auto.id,
    hair_count: summary.hairCount,
    density_per_cm2: summary.densityPerCm2,
    mean_diameter_um: summary.meanDiameterUm,
    vellus_ratio: summary.vellusRatio,
    terminal_ratio: summary.terminalRatio,
    hair_mass_per_cm2: summary.hairMassPerCm2,
    reason: input.note ? input.note : null,
    created_by: actor.userId,
    created_at: now,
    verified_by: actor.userId,
    verified_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertMeasurement(trx, row);
    await insertHairList(trx, row.id, review.hairs, engine.engineVersion, now);
    await insertAuditEntry(trx, {
      at: now,
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'measurement.verification.create',
      resource: 'measurement',
      resourceId: row.id,
      patientId: row.patient_id,
      ip: actor.ip,
      detail: `verifies ${auto.id}: hair count ${auto.hair_count} → ${row.hair_count} (kept ${review.kept}, removed ${review.removed}, added ${review.added})`,
    });
  });
  return row;
}
