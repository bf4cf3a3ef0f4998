import { nearCrossing, type Strand } from './trace-strands';

export interface ShaftMeasure {
  /** Integrated darkness across the shaft (darkness × px); equals width × contrast for a uniform shaft. */
  integral: number;
  /** Peak darkness above the local skin baseline. */
  peak: number;
  /** Steepest darkness change per px across the edge, relative to the peak (sharpness). */
  edgeSlope: number;
  samples: number;
}

const MAX_SAMPLES = 9;
const STEP = 0.5;

function bilinear(img: Float32Array, w: number, h: number, x: number, y: number): number {
  const xc = Math.min(w - 1.001, Math.max(0, x));
  const yc = Math.min(h - 1.001, Math.max(0, y));
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const tx = xc - x0;
  const ty = yc - y0;
  const p = y0 * w + x0;
  return (
    (img[p]! * (1 - tx) + img[p + 1]! * tx) * (1 - ty) + (img[p + w]! * (1 - tx) + img[p + w + 1]! * tx) * ty
  );
}

/** Samples needed for a profile reaching `reach`·r + 4 px either side of the centre line. */
export const profileLength = (r: number, reach: number) =>
  2 * Math.round(Math.ceil(reach * r + 4) / STEP) + 1;

/**
 * One darkness profile across the path at index i, perpendicular to the local direction, into the
 * scratch array `prof` (its length sets the reach). Integrates the contiguous dark run around the
 * centre above the lower of the two outer baselines. Null when nothing is darker than the baseline.
 * The returned object is shared between calls (read it before the next call): no allocation per cut.
 */
export function crossProfile(
  path: readonly number[],
  i: number,
  dark: Float32Array,
  w: number,
  h: number,
  r: number,
  prof: Float32Array,
): { integral: number; peak: number; slope: number } | null {
  const n = path.length;
  const m = prof.length;
  const half = ((m - 1) / 2) * STEP;
  const k = Math.max(2, Math.min(6, Math.round(r + 1)));
  const a = path[Math.max(0, i - k)]!;
  const b = path[Math.min(n - 1, i + k)]!;
  let tx = (b % w) - (a % w);
  let ty = Math.floor(b / w) - Math.floor(a / w);
  const len = Math.hypot(tx, ty) || 1;
  tx /= len;
  ty /= len;
  const c = path[i]!;
  const cx = c % w;
  const cy = Math.floor(c / w);
  // The sample points lie on a line, monotone in q, so when both ends are inside the clamping
  // range every point is, and the clamps (identities there) are skipped.
  const xa = cx - ty * -half;
  const ya = cy + tx * -half;
  const xb = cx - ty * (-half + (m - 1) * STEP);
  const yb = cy + tx * (-half + (m - 1) * STEP);
  const xmax = w - 1.001;
  const ymax = h - 1.001;
  if (
    Math.min(xa, xb) >= 0 &&
    Math.max(xa, xb) <= xmax &&
    Math.min(ya, yb) >= 0 &&
    Math.max(ya, yb) <= ymax
  ) {
    for (let q = 0; q < m; q++) {
      const t = -half + q * STEP;
      const x = cx - ty * t;
      const y = cy + tx * t;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const p = y0 * w + x0;
      prof[q] =
        (dark[p]! * (1 - fx) + dark[p + 1]! * fx) * (1 - fy) +
        (dark[p + w]! * (1 - fx) + dark[p + w + 1]! * fx) * fy;
    }
  } else {
    for (let q = 0; q < m; q++) {
      const t = -half + q * STEP;
      prof[q] = bilinear(dark, w, h, cx - ty * t, cy + tx * t);
    }
  }
  const baseline = Math.min((prof[0]! + prof[1]!) / 2, (prof[m - 1]! + prof[m - 2]!) / 2);
  const mid = (m - 1) / 2;
  const reach = Math.round((r + 1.5) / STEP);
  let top = mid;
  for (let q = Math.max(0, mid - reach); q <= Math.min(m - 1, mid + reach); q++)
    if (prof[q]! > prof[top]!) top = q;
  const peak = prof[top]! - baseline;
  if (peak <= 0) return null;
  const floor = baseline + 0.05 * peak;
  let left = top;
  while (left > 0 && prof[left - 1]! > floor && prof[left - 1]! <= prof[left]! + 0.1 * peak) left--;
  let right = top;
  while (right < m - 1 && prof[right + 1]! > floor && prof[right + 1]! <= prof[right]! + 0.1 * peak) right++;
  let integral = 0;
  let slope = 0;
  for (let q = left; q <= right; q++) integral += (prof[q]! - baseline) * STEP;
  for (let q = left; q < right; q++) slope = Math.max(slope, Math.abs(prof[q + 1]! - prof[q]!) / STEP);
  cut.integral = integral;
  cut.peak = peak;
  cut.slope = slope / peak;
  return cut;
}

const cut = { integral: 0, peak: 0, slope: 0 };

/**
 * Samples darkness profiles perpendicular to the strand, away from its ends (2 widths; more at a
 * shared root, where sibling hairs still overlap) and from crossings, and returns medians.
 * The integral is taken over the contiguous dark run around the centre, so a neighbouring shaft
 * in the window is excluded. Returns null when no clean sample exists (strand too short or crowded).
 */
export function measureShaft(
  s: Strand,
  dark: Float32Array,
  w: number,
  h: number,
  r: number,
  bulges: readonly [number, number],
): ShaftMeasure | null {
  const n = s.path.length;
  // A free end that widens is a follicular opening: skip its radius. Sibling hairs overlap further.
  const skipFor = (kind: string, bulge: number) =>
    Math.round(kind === 'free' || kind === 'border' ? Math.max(1, bulge) * r + 2 : 3 * r + 4);
  const lo = skipFor(s.start.kind, bulges[0]);
  const hi = n - 1 - skipFor(s.end.kind, bulges[1]);
  // Candidate indices (away from the ends and crossings) go to a scratch list, the samples to
  // small typed arrays: no per-index closures or growing arrays.
  let candidates = candidateScratch.length >= n + 1 ? candidateScratch : new Int32Array(2 * n + 2);
  candidateScratch = candidates;
  let nc = 0;
  for (let i = lo; i <= hi; i++) if (!nearCrossing(s.crossings, i)) candidates[nc++] = i;
  // Short strands: fall back to the middle third rather than to no measurement.
  if (nc === 0) for (let i = Math.floor(n / 3); i <= Math.floor((2 * n) / 3); i++) candidates[nc++] = i;
  if (nc === 0) return null;
  candidates = candidates.subarray(0, nc);
  const picks = Math.min(MAX_SAMPLES, nc);
  const pm = profileLength(r, 1.6);
  if (profScratch.length < pm) profScratch = new Float32Array(2 * pm);
  const prof = profScratch.subarray(0, pm);
  const integrals = new Float64Array(MAX_SAMPLES);
  const peaks = new Float64Array(MAX_SAMPLES);
  const slopes = new Float64Array(MAX_SAMPLES);
  let m = 0;
  for (let j = 0; j < picks; j++) {
    const i = candidates[Math.floor(((j + 0.5) * nc) / picks)]!;
    const cut = crossProfile(s.path, i, dark, w, h, r, prof);
    if (!cut) continue;
    integrals[m] = cut.integral;
    peaks[m] = cut.peak;
    slopes[m] = cut.slope;
    m++;
  }
  if (m === 0) return null;
  // Lower tercile: overlaps (siblings near the root, crossings, an opening) only ever add darkness.
  // (Typed arrays sort numerically; all values here are finite and positive, so the order is that
  // of a comparator sort.)
  const sorted = integrals.subarray(0, m).sort();
  return {
    integral: sorted[Math.floor((m - 1) / 3)]!,
    peak: sortedMedian(peaks.subarray(0, m).sort()),
    edgeSlope: sortedMedian(slopes.subarray(0, m).sort()),
    samples: m,
  };
}

let candidateScratch = new Int32Array(0);
let profScratch = new Float32Array(0);

/** Median of an ascending array, as {@link median}. */
function sortedMedian(s: Float64Array): number {
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
