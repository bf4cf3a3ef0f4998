import { selectKth } from './flatten-illumination';
import { TERMINAL_MIN_UM } from './summarize';

/** Widest plausible single scalp hair shaft, µm; wider "shafts" are hairs lying together. */
export const MAX_SINGLE_UM = 120;

/**
 * Median diameter of the terminal-width (60–120 µm) shafts among `diameters` (µm, 0 = not counted),
 * or 80 µm when there are none: the width a "shaft" too wide for one hair is divided by.
 */
export function typicalTerminalUm(diameters: readonly number[]): number {
  // A typed array and a loop, not a filter/sort chain (see the summary in analyze-hair.ts).
  const terminal = new Float64Array(diameters.length);
  let k = 0;
  for (const d of diameters) if (d >= TERMINAL_MIN_UM && d <= MAX_SINGLE_UM) terminal[k++] = d;
  return k ? selectKth(terminal.subarray(0, k), k >> 1) : 80;
}

/** Length of an 8-connected pixel chain in px (diagonal steps count √2). */
export function pathLengthPx(path: readonly number[], w: number): number {
  let len = 0;
  for (let i = 1; i < path.length; i++) {
    const d = Math.abs(path[i]! - path[i - 1]!);
    len += d === 1 || d === w ? 1 : Math.SQRT2;
  }
  return len;
}

/** Length-weighted mean: the length of the strand a randomly chosen skeleton pixel belongs to. */
export function weightedLength(lengths: ArrayLike<number>): number {
  let squares = 0;
  let total = 0;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    squares += l * l;
    total += l;
  }
  return squares / Math.max(1, total);
}

export function clippedShare(pixels: Uint8Array | Uint8ClampedArray, n: number, channels: number): number {
  let clipped = 0;
  let seen = 0;
  for (let p = 0; p < n; p += 13, seen++) {
    const o = p * channels;
    if ((pixels[o]! >= 250 ? 1 : 0) + (pixels[o + 1]! >= 250 ? 1 : 0) + (pixels[o + 2]! >= 250 ? 1 : 0) >= 2)
      clipped++;
  }
  return clipped / Math.max(1, seen);
}
