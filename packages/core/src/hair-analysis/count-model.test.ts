import { describe, expect, it } from 'vitest';
import {
  allocateHairs,
  COUNT_FEATURES,
  COUNT_MODEL,
  type CountModel,
  countFieldInput,
  featureSums,
  type StrandCountInput,
  strandFeatures,
  strandWeights,
  untracedRootPoints,
} from './count-model';

const K = COUNT_FEATURES.length;
const col = (name: (typeof COUNT_FEATURES)[number]) => COUNT_FEATURES.indexOf(name);
const strand = (over: Partial<StrandCountInput> = {}): StrandCountInput => ({
  counted: true,
  root: 'free',
  lengthPx: 100,
  diameterUm: 70,
  level: 1,
  attachedEnds: 0,
  crossesBorder: false,
  probability: 1,
  ...over,
});
const field = { umPerWorkingPx: 8, areaMm2: 50, coverage: 0.05, untracedRoots: 0 };

describe('strandFeatures', () => {
  it('gives uncounted strands a row of zeros and counted ones their root column and field terms', () => {
    const rows = strandFeatures(
      [strand({ counted: false }), strand({ root: 'corner', attachedEnds: 1, level: 1.5 })],
      field,
    );
    expect([...rows.subarray(0, K)].every((v) => v === 0)).toBe(true);
    const row = rows.subarray(K, 2 * K);
    expect(row[col('rootCorner')]).toBe(1);
    expect(row[col('rootFree')]).toBe(0);
    expect(row[col('resolution')]).toBeCloseTo(0.8, 9);
    // One counted strand over 50 mm².
    expect(row[col('density')]).toBeCloseTo(0.02, 9);
    expect(row[col('level')]).toBeCloseTo(0.5, 9);
    expect(row[col('attachedEnds')]).toBe(1);
    expect(row[col('coverage')]).toBeCloseTo(0.05, 9);
  });

  it('marks vellus-wide and short strands (against the median counted length)', () => {
    const rows = strandFeatures(
      [strand({ lengthPx: 200 }), strand({ lengthPx: 210 }), strand({ lengthPx: 60, diameterUm: 20 })],
      field,
    );
    expect(rows[col('short')]).toBe(0);
    expect(rows[2 * K + col('short')]).toBe(1);
    expect(rows[2 * K + col('vellus')]).toBe(1);
    expect(rows[col('vellus')]).toBe(0);
  });

  it('marks a strand running out of the frame (unless its root is in the border band) and a faint one', () => {
    const rows = strandFeatures(
      [
        strand({ crossesBorder: true }),
        strand({ crossesBorder: true, root: 'border' }),
        strand({ probability: 0.7 }),
      ],
      field,
    );
    expect(rows[col('crossesBorder')]).toBe(1);
    // The border band already counts its own expected share of hairs.
    expect(rows[K + col('crossesBorder')]).toBe(0);
    expect(rows[col('lowProbability')]).toBe(0);
    expect(rows[2 * K + col('lowProbability')]).toBeCloseTo(0.3, 9);
  });

  it('weighs a hair running out of the frame and a faint strand less than a lone hair inside (0.6.0 fit)', () => {
    const w = (over: Partial<StrandCountInput>) =>
      strandWeights(
        strandFeatures([strand(over)], { umPerWorkingPx: 8, areaMm2: 60, coverage: 0.03, untracedRoots: 0 }),
      )[0]!;
    expect(w({ crossesBorder: true })).toBeLessThan(w({}));
    expect(w({ probability: 0.7 })).toBeLessThan(w({}));
  });

  it('shares the untraced root points out over the counted strands, at most 3 per strand', () => {
    const strands = [strand(), strand({ counted: false }), strand({ root: 'corner' })];
    const rows = strandFeatures(strands, { ...field, untracedRoots: 5 });
    expect(rows[col('untracedRoots')]).toBe(2.5);
    expect(rows[K + col('untracedRoots')]).toBe(0);
    // The column sums to the image's untraced root points: an image-level term in a per-strand sum.
    expect(featureSums(rows)[col('untracedRoots')]).toBe(5);
    const crowded = strandFeatures(strands, { ...field, untracedRoots: 40 });
    expect(featureSums(crowded)[col('untracedRoots')]).toBe(6);
  });

  it('counts more hairs on the same strands where the detector sees more root points they do not explain', () => {
    const strands = [strand(), strand({ root: 'corner' }), strand({ lengthPx: 20 })];
    const total = (untracedRoots: number) =>
      strandWeights(strandFeatures(strands, { ...field, untracedRoots })).reduce((s, v) => s + v, 0);
    expect(total(3)).toBeGreaterThan(total(0));
    expect(COUNT_MODEL.coefficients.untracedRoots).toBeGreaterThan(0);
  });

  it('holds the field terms to the fitted range (a tiny field with one hair is not "dense")', () => {
    const rows = strandFeatures([strand({ level: 9 })], {
      umPerWorkingPx: 40,
      areaMm2: 0.01,
      coverage: 0.9,
      untracedRoots: 0,
    });
    expect(rows[col('density')]).toBe(3);
    expect(rows[col('coverage')]).toBe(0.3);
    expect(rows[col('resolution')]).toBe(1.6);
    expect(rows[col('level')]).toBe(2);
  });
});

describe('untracedRootPoints', () => {
  it('counts strong peaks farther than 110 µm from every counted root', () => {
    // At 10 µm per pixel: 110 µm is 11 pixels.
    const peaks = [0, 0, 100, 0, 200, 0, 300, 0];
    const scores = [0.9, 0.9, 0.69, 0.7];
    const roots = [5, 0, 112, 0];
    // (0,0) has a root 5 px away; (100,0) 12 px away: untraced; (200,0) too weak; (300,0) untraced.
    expect(untracedRootPoints(peaks, scores, roots, 10)).toBe(2);
    expect(untracedRootPoints(peaks, scores, [], 10)).toBe(3);
    // At 5 µm per pixel 110 µm is 22 pixels: the root 12 px away now explains (100,0).
    expect(untracedRootPoints(peaks, scores, roots, 5)).toBe(1);
  });
});

describe('countFieldInput', () => {
  it('reads the field terms from what the analysis measured, untraced root points included', () => {
    const source = {
      umPerWorkingPx: 10,
      areaMm2: 12,
      coverage: 0.04,
      peaks: { xy: [0, 0, 100, 0, 200, 0, 300, 0], scores: [0.9, 0.9, 0.69, 0.7] },
      roots: [5, 0, 112, 0],
    };
    expect(countFieldInput(source)).toEqual({
      umPerWorkingPx: 10,
      areaMm2: 12,
      coverage: 0.04,
      untracedRoots: 2,
    });
    // Saved rows (bench/fit-count-model.ts --save) keep these as plain arrays: the same field.
    const typed = {
      ...source,
      peaks: { xy: Float64Array.from(source.peaks.xy), scores: Float64Array.from(source.peaks.scores) },
    };
    expect(countFieldInput(typed)).toEqual(countFieldInput(source));
  });
});

describe('strandWeights and allocateHairs', () => {
  it('weighs a strand by the model, linearly, and never below zero', () => {
    const unit: CountModel = {
      fittedOn: 'test',
      coefficients: Object.fromEntries(COUNT_FEATURES.map((f) => [f, 0])) as CountModel['coefficients'],
    };
    unit.coefficients.rootFree = 1;
    unit.coefficients.level = 2;
    unit.coefficients.short = -5;
    const rows = strandFeatures(
      [strand({ level: 1.5, lengthPx: 300 }), strand({ lengthPx: 300 }), strand({ lengthPx: 10 })],
      field,
    );
    expect([...strandWeights(rows, unit)]).toEqual([2, 1, 0]);
    expect([...featureSums(rows)][col('rootFree')]).toBe(3);
  });

  it('shares out whole hairs summing to the rounded total, the largest remainders first', () => {
    const hairs = allocateHairs(new Float64Array([1.2, 0.9, 0.3, 2.6, 0]));
    expect([...hairs]).toEqual([1, 1, 0, 3, 0]);
    expect(hairs.reduce((s, v) => s + v, 0)).toBe(Math.round(1.2 + 0.9 + 0.3 + 2.6));
    // Ties go to the earlier strand.
    expect([...allocateHairs(new Float64Array([0.5, 0.5, 0.5]))]).toEqual([1, 1, 0]);
    expect([...allocateHairs(new Float64Array([]))]).toEqual([]);
  });

  it('counts a lone hair rising from its own opening in an ordinary field as one hair', () => {
    const rows = strandFeatures([strand()], {
      umPerWorkingPx: 8,
      areaMm2: 60,
      coverage: 0.03,
      untracedRoots: 0,
    });
    expect([...allocateHairs(strandWeights(rows, COUNT_MODEL))]).toEqual([1]);
  });
});
