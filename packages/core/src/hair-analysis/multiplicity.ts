import { crossProfile, median, profileLength } from './measure-shaft';
import type { Strand } from './trace-strands';

/**
 * Hairs hidden inside a strand: sibling hairs of a follicular unit, or hairs lying along each other,
 * thin into one skeleton chain but add up their darkness across the chain. The integrated darkness
 * profile is sampled along the strand; its upper decile over its lower quartile gives how many
 * shafts lie side by side somewhere. Hairs that leave the chain at a junction or bend are already
 * strands of their own and are subtracted. Returns the number of additional hairs (0–3).
 */
export function hiddenHairs(s: Strand, dark: Float32Array, w: number, h: number, r: number): number {
  const n = s.path.length;
  const step = Math.max(2, Math.round(r));
  const prof = new Float32Array(profileLength(r, 4));
  const vals: number[] = [];
  for (let i = Math.round(r + 2); i < n - r - 2; i += step) {
    if (s.crossings.some((c) => Math.abs(c.index - i) <= 4 * c.r + 6)) continue;
    const cut = crossProfile(s.path, i, dark, w, h, r, prof);
    if (cut) vals.push(cut.integral);
  }
  if (vals.length < 6) return 0;
  const smooth = vals.map((_, j) => median(vals.slice(Math.max(0, j - 1), j + 2)));
  smooth.sort((a, b) => a - b);
  const ref = smooth[Math.floor(0.25 * smooth.length)]!;
  const high = smooth[Math.floor(0.9 * smooth.length)]!;
  if (ref <= 0) return 0;
  const level = Math.floor(high / ref + 0.5);
  let accounted = s.crossings.reduce((a, c) => a + c.branches, 0);
  for (const end of [s.start, s.end]) {
    if (end.kind === 'junction' || end.kind === 'corner') accounted += Math.max(0, end.unpaired - 1);
  }
  return Math.max(0, Math.min(3, level - 1 - accounted));
}
