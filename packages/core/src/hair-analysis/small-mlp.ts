/**
 * The small network both learned stages share (root points, decision 066; placement, 063/071):
 * standardise, one tanh layer, sigmoid. Weights are written by the bench's fit scripts.
 */
export interface SmallMlp {
  mean: readonly number[];
  scale: readonly number[];
  /** Input-major: weight of input i into hidden unit j at `i * hidden + j`. */
  w1: readonly number[];
  b1: readonly number[];
  w2: readonly number[];
  b2: number;
}

// One buffer for the standardised row: scoring runs per seed on the hot path.
let standardised = new Float64Array(0);

/** The network's output (0–1) for the feature row starting at `offset` of `f`. */
export function smallMlpScore(f: ArrayLike<number>, m: SmallMlp, offset = 0): number {
  const k = m.mean.length;
  const hidden = m.b1.length;
  if (standardised.length < k) standardised = new Float64Array(k);
  const z = standardised;
  for (let i = 0; i < k; i++) z[i] = (f[offset + i]! - m.mean[i]!) / m.scale[i]!;
  let out = m.b2;
  for (let j = 0; j < hidden; j++) {
    let a = m.b1[j]!;
    for (let i = 0; i < k; i++) a += z[i]! * m.w1[i * hidden + j]!;
    out += m.w2[j]! * Math.tanh(a);
  }
  return 1 / (1 + Math.exp(-out));
}
