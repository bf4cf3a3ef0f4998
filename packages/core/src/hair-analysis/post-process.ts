import { selectKth } from './flatten-illumination';
import { classifyDiameter, TERMINAL_MIN_UM } from './summarize';
import type { HairAnalysisResult } from './types';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Widest plausible single scalp hair shaft, µm; wider "shafts" are hairs lying together. */
export const MAX_SINGLE_UM = 120;

/**
 * Replaces each hair measured wider than {@link MAX_SINGLE_UM} by as many hairs as the image's typical
 * terminal diameter fits into it, sharing the width (sibling hairs of one opening lying side by side).
 */
export function splitImplausiblyWide(hairs: HairAnalysisResult['hairs']): void {
  // A typed array and a loop, not a map/filter/sort chain (see the summary in analyze-hair.ts).
  const terminal = new Float64Array(hairs.length);
  let k = 0;
  for (const x of hairs)
    if (x.diameterUm >= TERMINAL_MIN_UM && x.diameterUm <= MAX_SINGLE_UM) terminal[k++] = x.diameterUm;
  const typical = k ? selectKth(terminal.subarray(0, k), k >> 1) : 80;
  for (let i = hairs.length - 1; i >= 0; i--) {
    const hair = hairs[i]!;
    if (hair.diameterUm <= MAX_SINGLE_UM) continue;
    // A follicular unit holds at most about four hairs.
    const k = Math.min(4, Math.max(2, Math.round(hair.diameterUm / typical)));
    const d = hair.diameterUm / k;
    const parts = Array.from({ length: k }, () => ({
      ...hair,
      diameterUm: round1(d),
      class: classifyDiameter(d),
    }));
    hairs.splice(i, 1, ...parts);
  }
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
