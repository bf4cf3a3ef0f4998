import { describe, expect, it } from 'vitest';
import { hypot } from './hypot';

describe('hypot', () => {
  it('returns the same double as Math.hypot, for pixel offsets, fractions, tiny and huge values', () => {
    let s = 12345;
    const next = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return s / 2 ** 32 - 0.5;
    };
    let differ = 0;
    for (let i = 0; i < 200_000; i++) {
      const scale = [1, 2000, 1e-3, 1e3, 1e-300, 1e300][i % 6]!;
      const a = i % 7 === 0 ? Math.round(next() * 400) : next() * scale;
      const b = i % 5 === 0 ? Math.round(next() * 400) : Math.fround(next() * scale * (i % 3 ? 1 : 1e6));
      if (!Object.is(hypot(a, b), Math.hypot(a, b))) differ++;
    }
    expect(differ).toBe(0);
  });

  it('handles zeros, infinities and NaN as Math.hypot does', () => {
    const special = [0, -0, 1, -3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324];
    for (const a of special)
      for (const b of special) expect(Object.is(hypot(a, b), Math.hypot(a, b))).toBe(true);
  });
});
