import { describe, expect, it } from 'vitest';
import { blandAltman } from './bland-altman';

describe('blandAltman', () => {
  it('gives the bias and limits computed by hand for five pairs', () => {
    // a − b = −1, 0, 2, −2, −1 → mean −0.4; squared deviations 0.36+0.16+5.76+2.56+0.36 = 9.2;
    // SD = √(9.2 / 4) = 1.516575; limits −0.4 ∓ 1.96 × 1.516575 = −3.372487 and 2.572487.
    const r = blandAltman([
      { a: 10, b: 11 },
      { a: 12, b: 12 },
      { a: 15, b: 13 },
      { a: 20, b: 22 },
      { a: 9, b: 10 },
    ]);
    expect(r.n).toBe(5);
    expect(r.meanDifference).toBeCloseTo(-0.4, 10);
    expect(r.sdDifference).toBeCloseTo(1.516575, 6);
    expect(r.limits?.lower).toBeCloseTo(-3.372487, 5);
    expect(r.limits?.upper).toBeCloseTo(2.572487, 5);
    expect(r.smallSample).toBe(false);
  });

  it('flags fewer than five pairs as a small sample', () => {
    const r = blandAltman([
      { a: 3, b: 1 },
      { a: 5, b: 5 },
    ]);
    expect(r.meanDifference).toBe(1);
    expect(r.sdDifference).toBeCloseTo(Math.SQRT2, 10);
    expect(r.smallSample).toBe(true);
  });

  it('gives no limits for one pair and nothing for none', () => {
    expect(blandAltman([{ a: 7, b: 4 }])).toMatchObject({ n: 1, meanDifference: 3, limits: null });
    expect(blandAltman([])).toMatchObject({ n: 0, meanDifference: null, sdDifference: null, limits: null });
  });
});
