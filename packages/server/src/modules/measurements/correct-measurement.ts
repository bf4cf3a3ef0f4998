import type { Actor } from '@anagen/core/access';
import type { Measurement, MeasurementCorrection } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { insertMeasurement, toMeasurement } from './measurements.repository';
import type { MeasurementTable } from './measurements.table';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A clinician's correction as a new row beside the automatic one (which is never changed).
 * Density and cumulative thickness are recomputed from the corrected count over the same field.
 */
function correctionRow(
  auto: MeasurementTable,
  c: MeasurementCorrection,
  by: string | null,
  now: number,
): MeasurementTable {
  const area = Number(auto.area_cm2);
  const meanDiameter = c.meanDiameterUm ?? Number(auto.mean_diameter_um);
  return {
    ...auto,
    id: newId(),
    source: 'corrected',
    corrects_id: auto.id,
    hair_count: c.hairCount,
    density_per_cm2: round(c.hairCount / area, 1),
    mean_diameter_um: meanDiameter,
    vellus_ratio: c.vellusRatio ?? Number(auto.vellus_ratio),
    terminal_ratio: c.terminalRatio ?? (auto.terminal_ratio === null ? null : Number(auto.terminal_ratio)),
    hair_mass_per_cm2: auto.hair_mass_per_cm2 === null ? null : round((c.hairCount * meanDiameter) / area, 0),
    reason: c.reason,
    created_by: by,
    created_at: now,
  };
}

/**
 * Records a clinician's correction of `target` (the automatic measurement the route's patient scope
 * resolved). The correction and its audit entry land together or not at all.
 */
export async function correctMeasurement(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { target: MeasurementTable; correction: MeasurementCorrection; ip: string },
): Promise<Measurement> {
  const { target, correction, ip } = input;
  if (Number(target.area_cm2) <= 0)
    throw new AppError('UNPROCESSABLE', 'This measurement has no imaged area.');
  const row = correctionRow(target, correction, actor?.userId ?? null, deps.clock.now());
  await deps.db.kysely.transaction().execute(async (trx) => {
    await insertMeasurement(trx, row);
    await recordAudit(
      trx,
      { actor, at: deps.clock.now(), ip },
      {
        action: 'measurement.correction.create',
        resource: 'measurement',
        resourceId: row.id,
        patientId: row.patient_id,
        detail: `corrects ${target.id}: hair count ${target.hair_count} → ${row.hair_count}`,
      },
    );
  });
  return toMeasurement(row);
}
