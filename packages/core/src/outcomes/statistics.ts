/**
 * Order statistics for small clinical samples. Pure and deterministic: no resampling, so the same
 * data always give the same interval and every figure can be checked by hand.
 */

/**
 * Sorted copy, ascending. A clinic-wide report sorts tens of thousands of changes: a typed array's
 * numeric sort is several times faster than a comparator. It orders NaN and −0 differently from
 * `(a, b) => a - b`, so those rare inputs keep the comparator (and their former order).
 */
export function sortedAsc(values: readonly number[]): number[] {
  if (values.some((v) => Number.isNaN(v) || Object.is(v, -0))) return [...values].sort((a, b) => a - b);
  return Array.from(Float64Array.from(values).sort());
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the default of
 * R and NumPy): h = (n − 1)·p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). `sorted` must be ascending.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(n - 1, lo + 1)]!;
  return a + (h - lo) * (b - a);
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so large n does not underflow to 0/0. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logP = n * Math.log(0.5);
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(logP);
    logP += Math.log((n - i) / (i + 1));
  }
  return Math.min(1, sum);
}

export interface MedianInterval {
  lo: number;
  hi: number;
  /** The exact coverage of [x(k), x(n−k+1)] for a continuous distribution: 1 − 2·P(Bin(n,½) ≤ k−1). */
  coverage: number;
}

/**
 * Distribution-free confidence interval for the median from order statistics: the narrowest
 * symmetric pair [x(k), x(n−k+1)] whose exact coverage is at least `level`. Below six values no pair
 * reaches 95 %; then the widest pair (min, max) is returned with its true, lower coverage (5 values:
 * 93.75 %), and callers decide whether to show it. Null for an empty sample.
 */
export function medianInterval(sorted: readonly number[], level = 0.95): MedianInterval | null {
  const n = sorted.length;
  if (n === 0) return null;
  // cdf = P(Bin(n,½) ≤ k−1), accumulated term by term (one pass, so large clinics stay linear).
  let logP = n * Math.log(0.5);
  let cdf = Math.exp(logP);
  let k = 1;
  let coverage = 1 - 2 * cdf;
  while (k < n - k) {
    logP += Math.log((n - (k - 1)) / k);
    const nextCdf = cdf + Math.exp(logP);
    const next = 1 - 2 * nextCdf;
    if (next < level) break;
    cdf = nextCdf;
    coverage = next;
    k++;
  }
  return { lo: sorted[k - 1]!, hi: sorted[n - k]!, coverage };
}

/** The smallest number of patients from which a share or an interval is reported. */
export const MIN_PATIENTS_FOR_SHARE = 5;

/** count / n, or null when fewer than MIN_PATIENTS_FOR_SHARE patients stand behind it. */
export function shareOrNull(count: number, n: number): number | null {
  return n < MIN_PATIENTS_FOR_SHARE ? null : count / n;
}
