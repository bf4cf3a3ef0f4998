import { describe, expect, it } from 'vitest';
import { binomialHalfCdf, medianInterval, quantileSorted, shareOrNull, sortedAsc } from './statistics';

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics', () => {
    // h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1); h = 1.5 → 2.5; h = 2.25 → 3 + 0.25·(4 − 3)
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileSorted([7], 0.25)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNull();
  });
});

describe('medianInterval (order statistics)', () => {
  const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  it('picks x(2)..x(9) for ten values, covering 1 − 2·11/1024', () => {
    expect(medianInterval(seq(10))).toEqual({ lo: 2, hi: 9, coverage: 1 - 22 / 1024 });
  });
  it('picks x(2)..x(8) for nine values (1 − 2·10/512)', () => {
    expect(medianInterval(seq(9))).toEqual({ lo: 2, hi: 8, coverage: 1 - 20 / 512 });
  });
  it('stays at min..max for eight values because x(2)..x(7) covers only 93 %', () => {
    expect(medianInterval(seq(8))).toEqual({ lo: 1, hi: 8, coverage: 1 - 2 / 256 });
  });
  it('reports the true, lower coverage when no pair reaches 95 % (five values)', () => {
    expect(medianInterval([3, 1, 2, 5, 4].sort())).toEqual({ lo: 1, hi: 5, coverage: 0.9375 });
  });
  it('handles a large clinic in one pass, near the normal approximation', () => {
    const n = 50_000;
    const ci = medianInterval(seq(n))!;
    // k ≈ n/2 − 0.98·√n ≈ 24 781
    expect(ci.lo).toBeGreaterThan(24_770);
    expect(ci.lo).toBeLessThan(24_790);
    expect(ci.hi).toBe(n + 1 - ci.lo);
    expect(ci.coverage).toBeGreaterThanOrEqual(0.95);
    expect(ci.coverage).toBeLessThan(0.952);
  });
  it('sums binomial probabilities without underflow', () => {
    expect(binomialHalfCdf(1, 10)).toBeCloseTo(11 / 1024, 12);
    expect(binomialHalfCdf(25_000, 50_000)).toBeGreaterThan(0.5);
    expect(binomialHalfCdf(-1, 5)).toBe(0);
  });
});

describe('shareOrNull', () => {
  it('gives no share from fewer than five patients', () => {
    expect(shareOrNull(4, 4)).toBeNull();
    expect(shareOrNull(4, 5)).toBe(0.8);
    expect(shareOrNull(0, 0)).toBeNull();
  });
});

describe('sortedAsc', () => {
  it('orders as the comparator sort does, without changing its input', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const values = Array.from({ length: 5000 }, () => Math.round((rnd() - 0.4) * 1e4) / 7);
    values.push(0, 0, 1e-300, -1e300, values[3]!);
    const copy = [...values];
    expect(sortedAsc(values)).toEqual([...values].sort((a, b) => a - b));
    expect(values).toEqual(copy);
  });
  it('keeps the comparator for NaN and −0, which a typed array orders differently', () => {
    const withNegativeZero = [1, 0, -0, -1];
    expect(sortedAsc(withNegativeZero)).toEqual([...withNegativeZero].sort((a, b) => a - b));
    expect(Object.is(sortedAsc(withNegativeZero)[1], 0)).toBe(true);
    const withNaN = [3, Number.NaN, 1];
    expect(sortedAsc(withNaN)).toEqual([...withNaN].sort((a, b) => a - b));
  });
});
