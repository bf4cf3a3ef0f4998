import {
  CANDIDATE_DARKNESS,
  type CandidateFeatures,
  PIXEL_FEATURES,
  type PixelFeatureMaps,
} from './pixel-features';
import { SHAFT_CLASSIFIER_WEIGHTS } from './shaft-classifier-weights';

/**
 * A small multilayer perceptron (PIXEL_FEATURES → hidden tanh units → sigmoid) that turns the
 * pixel features into the probability that a pixel is hair shaft. Weights are fitted by
 * `npm run fit:shaft-classifier` (bench/fit-shaft-classifier.ts); docs/analysis.md says on what.
 */
export interface ShaftClassifierWeights {
  /** Feature standardisation: (x − mean) / sd. */
  mean: number[];
  sd: number[];
  hidden: number;
  /** hidden × PIXEL_FEATURES, row-major. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
  /** What the weights were fitted on (kept with them so docs and code cannot drift). */
  fittedOn: string;
}

/** One pixel's shaft probability from a feature row (already raw, not standardised). */
export function shaftProbability(
  x: ArrayLike<number>,
  m: ShaftClassifierWeights = SHAFT_CLASSIFIER_WEIGHTS,
): number {
  let out = m.b2;
  for (let j = 0; j < m.hidden; j++) {
    let a = m.b1[j]!;
    const row = j * PIXEL_FEATURES;
    for (let k = 0; k < PIXEL_FEATURES; k++) a += m.w1[row + k]! * ((x[k]! - m.mean[k]!) / m.sd[k]!);
    out += m.w2[j]! * Math.tanh(a);
  }
  return 1 / (1 + Math.exp(-out));
}

/** tanh to ~1e-6 (a Padé approximant, exact sign and saturation): Math.tanh dominated the map's time. */
function fastTanh(x: number): number {
  if (x > 4.97) return 1;
  if (x < -4.97) return -1;
  const x2 = x * x;
  return (x * (135135 + x2 * (17325 + x2 * (378 + x2)))) / (135135 + x2 * (62370 + x2 * (3150 + 28 * x2)));
}

/** First-layer weights with the standardisation folded in, per weights object. */
const folded = new WeakMap<ShaftClassifierWeights, { w: Float64Array; b: Float64Array }>();
function fold(m: ShaftClassifierWeights) {
  let f = folded.get(m);
  if (!f) {
    const w = new Float64Array(m.hidden * PIXEL_FEATURES);
    const b = new Float64Array(m.hidden);
    for (let j = 0; j < m.hidden; j++) {
      let bj = m.b1[j]!;
      for (let k = 0; k < PIXEL_FEATURES; k++) {
        const wk = m.w1[j * PIXEL_FEATURES + k]! / m.sd[k]!;
        w[j * PIXEL_FEATURES + k] = wk;
        bj -= wk * m.mean[k]!;
      }
      b[j] = bj;
    }
    f = { w, b };
    folded.set(m, f);
  }
  return f;
}

/**
 * The probability map (0 where the pixel is not even faintly dark), from full feature planes: the
 * planes' values at the candidate pixels, scored by {@link shaftProbabilityOfCandidates}. Written
 * to `into` (w×h) when given.
 */
export function shaftProbabilityMap(
  f: PixelFeatureMaps,
  m: ShaftClassifierWeights = SHAFT_CLASSIFIER_WEIGHTS,
  into?: Float32Array,
): Float32Array {
  const n = f.width * f.height;
  const { planes, darkness } = f;
  if (PIXEL_FEATURES !== 12 || planes.length !== 12)
    throw new Error('the classifier map expects 12 features');
  let count = 0;
  for (let p = 0; p < n; p++) if (darkness[p]! >= CANDIDATE_DARKNESS) count++;
  const candidates = new Int32Array(count);
  for (let p = 0, i = 0; p < n; p++) if (darkness[p]! >= CANDIDATE_DARKNESS) candidates[i++] = p;
  const columns = new Float32Array(count * PIXEL_FEATURES);
  for (let k = 0; k < PIXEL_FEATURES; k++)
    for (let i = 0; i < count; i++) columns[k * count + i] = planes[k]![candidates[i]!]!;
  return shaftProbabilityOfCandidates({ candidates, columns }, into ?? new Float32Array(n), m);
}

/**
 * {@link shaftProbabilityMap} from the candidate pixels' feature columns (candidateFeatures), into
 * `into` (w×h): the same arithmetic, 0 at every other pixel.
 */
export function shaftProbabilityOfCandidates(
  c: Pick<CandidateFeatures, 'candidates' | 'columns'>,
  into: Float32Array,
  m: ShaftClassifierWeights = SHAFT_CLASSIFIER_WEIGHTS,
): Float32Array {
  const out = into.fill(0);
  const { w, b } = fold(m);
  const H = m.hidden;
  const w2 = Float64Array.from(m.w2);
  if (PIXEL_FEATURES !== 12) throw new Error('the classifier map expects 12 features');
  const { candidates, columns } = c;
  const N = candidates.length;
  const b2 = m.b2;
  // The twelve features are read into locals and the first layer is written out feature by feature
  // (the same products added in the same order as a loop over the features would).
  for (let i = 0; i < N; i++) {
    const x0 = columns[i]!;
    const x1 = columns[N + i]!;
    const x2 = columns[2 * N + i]!;
    const x3 = columns[3 * N + i]!;
    const x4 = columns[4 * N + i]!;
    const x5 = columns[5 * N + i]!;
    const x6 = columns[6 * N + i]!;
    const x7 = columns[7 * N + i]!;
    const x8 = columns[8 * N + i]!;
    const x9 = columns[9 * N + i]!;
    const x10 = columns[10 * N + i]!;
    const x11 = columns[11 * N + i]!;
    let z = b2;
    // Two hidden units per step (independent chains the processor overlaps); each unit's sum and
    // the output's sum keep their order.
    let j = 0;
    for (let r = 0; j + 1 < H; j += 2, r += 24) {
      let a = b[j]!;
      let c = b[j + 1]!;
      a += w[r]! * x0;
      c += w[r + 12]! * x0;
      a += w[r + 1]! * x1;
      c += w[r + 13]! * x1;
      a += w[r + 2]! * x2;
      c += w[r + 14]! * x2;
      a += w[r + 3]! * x3;
      c += w[r + 15]! * x3;
      a += w[r + 4]! * x4;
      c += w[r + 16]! * x4;
      a += w[r + 5]! * x5;
      c += w[r + 17]! * x5;
      a += w[r + 6]! * x6;
      c += w[r + 18]! * x6;
      a += w[r + 7]! * x7;
      c += w[r + 19]! * x7;
      a += w[r + 8]! * x8;
      c += w[r + 20]! * x8;
      a += w[r + 9]! * x9;
      c += w[r + 21]! * x9;
      a += w[r + 10]! * x10;
      c += w[r + 22]! * x10;
      a += w[r + 11]! * x11;
      c += w[r + 23]! * x11;
      z += w2[j]! * fastTanh(a);
      z += w2[j + 1]! * fastTanh(c);
    }
    if (j < H) {
      const r = 12 * j;
      let a = b[j]!;
      a += w[r]! * x0;
      a += w[r + 1]! * x1;
      a += w[r + 2]! * x2;
      a += w[r + 3]! * x3;
      a += w[r + 4]! * x4;
      a += w[r + 5]! * x5;
      a += w[r + 6]! * x6;
      a += w[r + 7]! * x7;
      a += w[r + 8]! * x8;
      a += w[r + 9]! * x9;
      a += w[r + 10]! * x10;
      a += w[r + 11]! * x11;
      z += w2[j]! * fastTanh(a);
    }
    out[candidates[i]!] = 1 / (1 + Math.exp(-z));
  }
  return out;
}
