import type { HairClass } from './types';

export const VELLUS_MAX_UM = 30;
export const TERMINAL_MIN_UM = 60;
const HISTOGRAM_BIN_UM = 10;
const HISTOGRAM_BINS = 12;

/** Vellus < 30 µm, intermediate 30–60 µm, terminal ≥ 60 µm (DESIGN "Hair analysis result"). */
export function classifyDiameter(diameterUm: number): HairClass {
  if (diameterUm < VELLUS_MAX_UM) return 'vellus';
  return diameterUm < TERMINAL_MIN_UM ? 'intermediate' : 'terminal';
}

/** Counts per 10 µm bin; the last bin (≥ 110 µm) is open-ended. */
export function diameterHistogram(diametersUm: ArrayLike<number>): { binUm: number; counts: number[] } {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let i = 0; i < diametersUm.length; i++) {
    const d = diametersUm[i]!;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(d / HISTOGRAM_BIN_UM)));
    counts[bin] = counts[bin]! + 1;
  }
  return { binUm: HISTOGRAM_BIN_UM, counts };
}
