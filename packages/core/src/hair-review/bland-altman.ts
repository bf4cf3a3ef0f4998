/** Below this many pairs the limits of agreement are shown with a warning (they move a lot). */
export const SMALL_SAMPLE_N = 5;

export interface BlandAltman {
  n: number;
  /** Mean of (a − b); null without pairs. */
  meanDifference: number | null;
  /** Sample standard deviation of (a − b) (n − 1 denominator); null below two pairs. */
  sdDifference: number | null;
  /** 95 % limits of agreement, mean ± 1.96 SD; null below two pairs. */
  limits: { lower: number; upper: number } | null;
  /** True when n < 5: the limits are too unsteady to rely on. */
  smallSample: boolean;
}

/**
 * Bland–Altman agreement of two methods measuring the same things (Bland & Altman, Lancet 1986):
 * differences a − b, their mean (bias) and the 95 % limits of agreement. Units are those of a and b.
 */
export function blandAltman(pairs: readonly { a: number; b: number }[]): BlandAltman {
  const n = pairs.length;
  if (n === 0) return { n, meanDifference: null, sdDifference: null, limits: null, smallSample: true };
  const d = pairs.map((p) => p.a - p.b);
  const mean = d.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, meanDifference: mean, sdDifference: null, limits: null, smallSample: true };
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return {
    n,
    meanDifference: mean,
    sdDifference: sd,
    limits: { lower: mean - 1.96 * sd, upper: mean + 1.96 * sd },
    smallSample: n < SMALL_SAMPLE_N,
  };
}
