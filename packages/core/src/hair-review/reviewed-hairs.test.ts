import { describe, expect, it } from 'vitest';
import {
  engineHairsWithTips,
  type ReviewedHair,
  reviewHairs,
  summarizeReviewedHairs,
} from './reviewed-hairs';
import { fduClass, hairVector, vocAnnotation } from './voc-annotation';

const engine = (x: number, y: number, diameterUm: number, tip = null): ReviewedHair => ({
  x,
  y,
  diameterUm,
  class: diameterUm < 30 ? 'vellus' : diameterUm < 60 ? 'intermediate' : 'terminal',
  origin: 'engine',
  tip,
});

describe('engineHairsWithTips', () => {
  it('takes the end of the traced strand farther from the emergence point as the tip', () => {
    const hairs = engineHairsWithTips(
      [
        { x: 10, y: 20, diameterUm: 70, class: 'terminal' },
        { x: 10, y: 20, diameterUm: 50, class: 'intermediate' },
        { x: 90, y: 90, diameterUm: 20, class: 'vellus' },
      ],
      [
        { points: [50.5, 20.5, 30.5, 20.5, 10.4, 20.4], counted: true, emergence: { x: 10.4, y: 20.4 } },
        { points: [1, 1, 2, 2], counted: false, emergence: null },
      ],
    );
    expect(hairs.map((h) => h.tip)).toEqual([{ x: 51, y: 21 }, { x: 51, y: 21 }, null]);
    expect(hairs.every((h) => h.origin === 'engine')).toBe(true);
  });
});

describe('reviewHairs', () => {
  const list = [engine(10, 10, 70), engine(10, 10, 40), engine(50, 50, 20), engine(80, 20, 65)];

  it('keeps hairs at engine points, adds the others and counts the removed', () => {
    const r = reviewHairs(list, [
      { x: 10, y: 10 },
      { x: 80.2, y: 19.8 },
      { x: 33, y: 44 },
    ]);
    expect(r).toMatchObject({ kept: 2, added: 1, removed: 2 });
    expect(r.hairs[0]).toMatchObject({ diameterUm: 70, origin: 'engine' });
    expect(r.hairs[1]).toMatchObject({ x: 80, y: 20, diameterUm: 65 });
    expect(r.hairs[2]).toEqual({
      x: 33,
      y: 44,
      diameterUm: null,
      class: 'unmeasured',
      origin: 'added',
      tip: null,
    });
  });

  it('uses each engine hair of a shared point once', () => {
    const r = reviewHairs(list, [
      { x: 10, y: 10 },
      { x: 10, y: 10 },
      { x: 10, y: 10 },
    ]);
    expect(r).toMatchObject({ kept: 2, added: 1, removed: 2 });
  });
});

describe('summarizeReviewedHairs', () => {
  it('counts every hair and takes diameters from measured hairs only', () => {
    const hairs = reviewHairs(
      [engine(1, 1, 20), engine(2, 2, 60), engine(3, 3, 40)],
      [
        { x: 1, y: 1 },
        { x: 2, y: 2 },
        { x: 7, y: 7 },
      ],
    ).hairs;
    // 3 hairs over 0.5 cm² = 6 /cm²; measured 20 and 60 → mean 40, vellus 1/2, terminal 1/2;
    // thickness (20 + 60 + 40 for the unmeasured one) / 0.5 = 240.
    expect(summarizeReviewedHairs(hairs, 0.5)).toEqual({
      hairCount: 3,
      densityPerCm2: 6,
      meanDiameterUm: 40,
      vellusRatio: 0.5,
      terminalRatio: 0.5,
      hairMassPerCm2: 240,
    });
  });
});

describe('VOC annotation', () => {
  it('writes one root→tip object per hair with FDU class names', () => {
    const hairs: ReviewedHair[] = [
      { ...engine(10, 10, 70), tip: { x: 40, y: 12 } },
      engine(10, 10, 45),
      engine(60, 30, 20),
      { x: 95, y: 5, diameterUm: null, class: 'unmeasured', origin: 'added', tip: null },
    ];
    const xml = vocAnnotation({ filename: 'abc.jpg', width: 100, height: 80, umPerPx: 10, hairs });
    expect(xml.match(/<object>/g)).toHaveLength(4);
    expect([...xml.matchAll(/<name>(\w+)<\/name>/g)].map((m) => m[1])).toEqual([
      'premium',
      'premium',
      'undersize',
      'single',
    ]);
    expect(xml).toContain(
      '<xmin>10</xmin>\n      <ymin>10</ymin>\n      <xmax>40</xmax>\n      <ymax>12</ymax>',
    );
    // The added hair near the right edge points left, 100 µm = 10 px long.
    expect(hairVector(hairs[3]!, { width: 100, height: 80, umPerPx: 10 }).tip).toEqual({ x: 85, y: 5 });
    expect(fduClass(hairs[3]!, false)).toBe('single');
  });
});
