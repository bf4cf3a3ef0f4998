import { distanceAll } from './distance-transform';
import { blockSums, darknessRows, upperHalfSums } from './flatten-illumination';
import { smoothClassifyRows } from './hysteresis-threshold';
import type { RowKernel } from './row-chunks';

/**
 * The row kernels a helper thread can run, by the name `runRows` is given. Every kernel writes
 * only outputs that no kernel of the same job reads, and the same values when run twice.
 */
// biome-ignore lint/suspicious/noExplicitAny: each kernel checks its own argument shape by type
export const ROW_KERNELS: Record<string, RowKernel<any>> = {
  blockSums,
  upperHalfSums,
  darknessRows,
  smoothClassifyRows,
  distanceAll,
};
