import type { MeasurementCorrection } from '@anagen/core/contracts';
import { newId } from '../../lib/ids';
import type { MeasurementTable } from './measurements.table';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A clinician's correction as a new row beside the automatic one (which is never changed).
 * Density and cumulative thickness are recomputed from the corrected count over the same field.
 */
export function correctionRow(
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
