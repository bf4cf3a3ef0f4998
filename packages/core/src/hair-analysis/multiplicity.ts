import { crossProfile, profileLength } from './measure-shaft';
import type { Strand } from './trace-strands';

/** Ratio between the mean integrated darkness either side of a point that marks a hair ending. */
const STEP_RATIO = 1.45;
/** Samples averaged either side of a candidate step. */
const WINDOW = 3;
/**
 * A level ratio of ≥ 1.25 (upper decile over lower quartile) adds a hidden hair. Tuned on seeds 1–12
 * and 100–139: lone shafts have a median ratio of 1.07, merged pairs 1.38 (the two overlap widely).
 */
const LEVEL_OFFSET = 0.75;
const LEVEL_CAP = 3;

/**
 * Hairs hidden inside a strand: sibling hairs of a follicular unit, or hairs lying along each other,
 * thin into one skeleton chain. Each shaft adds its darkness across the chain, so where one of them
 * ends (its tip, or its root under another shaft) the integrated darkness profile along the chain
 * steps up or down. Steps are counted along the strand; hairs leaving the chain at a junction or
 * bend are separate strands already and are subtracted. Returns the number of additional hairs (0–3)
 * and each one's width relative to the lone shaft's.
 */
export function hiddenHairs(
  s: Strand,
  dark: Float32Array,
  w: number,
  h: number,
  r: number,
): { extra: number; widthFactor: number } {
  const n = s.path.length;
  // Every ~0.6 shaft radius: short strands still get enough samples for the step and level tests.
  const step = Math.max(2, Math.round(0.6 * r));
  const prof = new Float32Array(profileLength(r, 4));
  const vals: number[] = [];
  for (let i = Math.round(r + 2); i < n - r - 2; i += step) {
    if (s.crossings.some((c) => Math.abs(c.index - i) <= 2 * c.r + 3)) continue;
    const cut = crossProfile(s.path, i, dark, w, h, r, prof);
    if (cut) vals.push(cut.integral);
  }
  if (vals.length < 2 * WINDOW) return { extra: 0, widthFactor: 1 };
  // Running median of three (two at the ends) removes single outliers such as a crossing shaft.
  const v = vals.map((x, j) => {
    if (j === 0 || j === vals.length - 1) {
      const y = vals[j === 0 ? 1 : j - 1]!;
      return (x + y) / 2;
    }
    const a = vals[j - 1]!;
    const c = vals[j + 1]!;
    return Math.max(Math.min(a, x), Math.min(Math.max(a, x), c));
  });
  const mean = (from: number, to: number) => {
    let sum = 0;
    for (let j = from; j < to; j++) sum += v[j]!;
    return sum / (to - from);
  };
  let steps = 0;
  for (let i = WINDOW; i + WINDOW <= v.length; i++) {
    const before = mean(i - WINDOW, i);
    const after = mean(i, i + WINDOW);
    const lo = Math.min(before, after);
    if (lo > 0 && Math.max(before, after) / lo >= STEP_RATIO) {
      steps++;
      i += 2 * WINDOW - 1;
    }
  }
  // Shafts side by side along the whole chain show no step but a raised level: compare the upper
  // decile with the lower quartile.
  const sorted = [...v].sort((a, b) => a - b);
  const ref = sorted[Math.floor(0.25 * sorted.length)]!;
  const high = sorted[Math.floor(0.9 * sorted.length)]!;
  const level = ref > 0 ? Math.floor(high / ref + LEVEL_OFFSET) : 1;
  let accounted = s.crossings.reduce((a, c) => a + c.branches, 0);
  for (const end of [s.start, s.end]) {
    if (end.kind === 'junction' || end.kind === 'corner') accounted += Math.max(0, end.unpaired - 1);
  }
  const extra = Math.max(0, Math.min(3, Math.max(steps, Math.min(level - 1, LEVEL_CAP)) - accounted));
  // Darkness the hidden shafts add over the lone one, shared between them (for their diameters).
  return { extra, widthFactor: extra > 0 && ref > 0 ? Math.max(0.5, (high - ref) / (extra * ref)) : 1 };
}
