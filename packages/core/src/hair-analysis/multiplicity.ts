import { crossProfile, profileLength } from './measure-shaft';
import { nearCrossing, type Strand } from './trace-strands';

/**
 * Integrated darkness sampled along a strand (every ~0.6 shaft radius, away from its ends and
 * crossings): sibling hairs of a follicular unit, or hairs lying along each other, thin into one
 * skeleton chain, and each shaft adds its darkness across the chain. `level` is the upper decile over
 * the lower quartile (1 on a lone shaft, higher where a second shaft runs alongside for part of the
 * strand); `low` and `high` are those two values. The count model (count-model.ts) weighs the level;
 * the diameters of extra hairs on a strand come from the darkness they add.
 */
export function darknessLevel(
  s: Strand,
  dark: Float32Array,
  w: number,
  h: number,
  r: number,
): { level: number; low: number; high: number } {
  const n = s.path.length;
  const step = Math.max(2, Math.round(0.6 * r));
  const m = profileLength(r, 4);
  if (profScratch.length < m) profScratch = new Float32Array(2 * m);
  const prof = profScratch.subarray(0, m);
  // Samples go to a scratch typed array (at most one per `step` path indices): no growing arrays.
  const cap = Math.ceil(n / step) + 1;
  if (valScratch.length < cap) valScratch = new Float64Array(2 * cap);
  const crossings = s.crossings;
  let count = 0;
  for (let i = Math.round(r + 2); i < n - r - 2; i += step) {
    if (nearCrossing(crossings, i)) continue;
    const cut = crossProfile(s.path, i, dark, w, h, r, prof);
    if (cut) valScratch[count++] = cut.integral;
  }
  if (count === 0) return { level: 1, low: 0, high: 0 };
  // The integrals are finite and positive, so a typed array's numeric sort orders them as a
  // comparator sort does.
  const sorted = valScratch.subarray(0, count).sort();
  const low = sorted[Math.floor(0.25 * count)]!;
  const high = sorted[Math.floor(0.9 * count)]!;
  return { level: low > 0 ? high / low : 1, low, high };
}

/** Width of each of `extra` hairs sharing a strand, relative to the strand's own shaft. */
export function extraWidthFactor(level: { low: number; high: number }, extra: number): number {
  return extra > 0 && level.low > 0 ? Math.max(0.5, (level.high - level.low) / (extra * level.low)) : 1;
}

let profScratch = new Float32Array(0);
let valScratch = new Float64Array(0);
