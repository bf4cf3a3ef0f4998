import { describe, expect, it } from 'vitest';
import { handOverDiameters, strandHairDiameters } from './placed-diameters';

describe('diameters of the hairs the count model gave a strand', () => {
  it('gives the first hair the measured width and extra ones the extra darkness, not below half', () => {
    const [first, extra] = strandHairDiameters(80, { low: 1, high: 1.6 }, 2, 80);
    expect(first).toBe(80);
    expect(extra).toBeCloseTo(48, 9);
    expect(strandHairDiameters(80, { low: 1, high: 1.1 }, 2, 80)).toEqual([80, 40]);
    expect(strandHairDiameters(20, { low: 0, high: 0 }, 0, 80)).toEqual([]);
  });

  it('divides a shaft too wide for one hair among the hairs lying together', () => {
    expect(strandHairDiameters(160, { low: 0, high: 0 }, 1, 80)).toEqual([80]);
  });
});

describe('handing the count model’s diameters to the placed hairs', () => {
  const roots = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 300, y: 0 },
  ];

  it('keeps the thin shaft’s diameter for a hair the placement moved onto a thick shaft', () => {
    // The count model gave the thick strand 0 one hair (80 µm) and the thin strand 1 one (15 µm);
    // the placement put both on strand 0 (its root and a point along it).
    const own = [[80], [15], []];
    const placed = [[roots[0]!, { x: 13, y: 0 }], [], []];
    const out = handOverDiameters(own, placed, roots, () => 999);
    expect(out).toEqual([[80, 15], [], []]);
  });

  it('takes the nearest moved-away hair and keeps the number of hairs', () => {
    const own = [[80], [20], [60]];
    // Strands 1 and 2 lost their hairs; strand 0 got a second one near strand 2's root, and the
    // strand the rules left out (3) one near strand 1's root.
    const placed = [[roots[0]!, { x: 290, y: 0 }], [], [], [{ x: 110, y: 0 }]];
    const out = handOverDiameters([...own, []], placed, [...roots, null], () => 999);
    expect(out).toEqual([[80, 60], [], [], [20]]);
    expect(out.flat().sort()).toEqual([20, 60, 80]);
  });

  it('falls back to the strand’s own estimate only for hairs no strand lost', () => {
    expect(handOverDiameters([[50]], [[roots[0]!, roots[0]!]], [roots[0]!], () => 25)).toEqual([[50, 25]]);
  });
});
