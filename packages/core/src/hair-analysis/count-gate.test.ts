import { describe, expect, it } from 'vitest';
import { countInterval } from './confidence';
import {
  FEW_HAIRS,
  type GateInputs,
  gateInterval,
  gateIssues,
  gateScore,
  OVER_FEATURE_NAMES,
  overFeatures,
  UNDER_FEATURE_NAMES,
  underFeatures,
} from './count-gate';
import { maskComponents } from './gate-features';
import { nonZeroIndices } from './mask-pixels';

const W = 40;
const H = 30;
/** Pixel indices of row y from x0 to x1. */
const row = (y: number, x0: number, x1: number) =>
  Array.from({ length: x1 - x0 + 1 }, (_, i) => y * W + x0 + i);

describe('mask components', () => {
  /** The mask's non-zero indices in ascending order, as the engine lists them (nonZeroIndices). */
  const foreground = (mask: Uint8Array) => nonZeroIndices(mask);

  it('counts connected pieces above the size floor, diagonal neighbours joined', () => {
    const mask = new Uint8Array(W * H);
    for (const p of row(3, 2, 20)) mask[p] = 1;
    for (const p of row(4, 2, 20)) mask[p] = 1;
    // A diagonal line is one piece (8-connectivity).
    for (let i = 0; i < 10; i++) mask[(10 + i) * W + 10 + i] = 1;
    mask[28 * W + 38] = 1;
    expect(maskComponents(foreground(mask), W, 5)).toBe(2);
    expect(maskComponents(foreground(mask), W, 1)).toBe(3);
  });

  it('joins runs through a later row (a U) and keeps runs on rows far apart or at the row ends separate', () => {
    const mask = new Uint8Array(W * H);
    // A U: two columns joined only at the bottom.
    for (let y = 2; y <= 8; y++) mask[y * W + 5] = mask[y * W + 9] = 1;
    for (const p of row(9, 5, 9)) mask[p] = 1;
    // A run ending at the right edge and one starting at the left edge of the next row do not touch.
    for (const p of row(15, 30, W - 1)) mask[p] = 1;
    for (const p of row(16, 0, 8)) mask[p] = 1;
    // Two runs with an empty row between them.
    for (const p of row(20, 10, 20)) mask[p] = 1;
    for (const p of row(22, 10, 20)) mask[p] = 1;
    expect(maskComponents(foreground(mask), W, 1)).toBe(5);
  });
});

const base: GateInputs = {
  hairCount: 12,
  strands: 14,
  countedStrands: 11,
  components: 11,
  meanProbability: 0.95,
  // About 0.05 mm² of shaft mask per hair and two root points per hair, as on a clean FDU field.
  maskUm2: 12 * 50_000,
  rootPoints: 25,
  edgeSlope: 0.3,
  expectedError: 0.15,
  // Most hairs traced whole on their own strand (two free ends), a few beside a sibling.
  freeEnds: 20,
};
/** A side that never fires (chance e^-100). */
const silent = { bias: -100, weights: [] };
/** A model that reads only the extra strands per mask piece: logit = 4 · (strands − hairs)/pieces − 1. */
const piecesOnly = {
  over: { bias: -1, weights: OVER_FEATURE_NAMES.map((n) => (n === 'extraStrandsPerPiece' ? 4 : 0)) },
  under: silent,
  threshold: 0,
};
/** A model that reads only the root points per hair: logit = 2 · ln((points + 1)/(hairs + 1)) − 1. */
const pointsOnly = {
  over: silent,
  under: { bias: -1, weights: UNDER_FEATURE_NAMES.map((n) => (n === 'rootPointsPerHair' ? 2 : 0)) },
  threshold: 0,
};
const logit = (p: number) => Math.log(p / (1 - p));

describe('count gate', () => {
  it('reads ratios that do not change with the field size', () => {
    const x = overFeatures(base);
    expect(x).toHaveLength(OVER_FEATURE_NAMES.length);
    expect(x).toEqual([3 / 12, 2 / 11, 0.95, 20 / 12, Math.log(12)]);
    const doubled = {
      ...base,
      hairCount: 24,
      strands: 28,
      countedStrands: 22,
      components: 22,
      maskUm2: 2 * base.maskUm2,
      rootPoints: 50,
      freeEnds: 40,
    };
    // The ratios stay; only the count's own log moves (by ln 2).
    expect(overFeatures(doubled).slice(0, 4)).toEqual(x.slice(0, 4));
    expect(overFeatures(doubled)[4]).toBeCloseTo(x[4]! + Math.log(2));
    const u = underFeatures(base);
    expect(u).toHaveLength(UNDER_FEATURE_NAMES.length);
    expect(u[0]).toBeCloseTo(Math.log(5));
    expect(u[1]).toBeCloseTo(Math.log(2));
    expect(u[2]).toBeCloseTo(Math.log(12 / 13));
    expect(u[3]).toBe(0.3);
    expect(u[4]).toBe(0.15);
    const ud = underFeatures(doubled);
    expect(ud[0]).toBeCloseTo(u[0]!);
    // The +1 on each side (finite for small fields) moves the log ratios only a little.
    for (const j of [1, 2]) expect(Math.abs(ud[j]! - u[j]!)).toBeLessThan(0.05);
  });

  it('reads a missing edge slope as a sharp image, not a blurred one', () => {
    expect(underFeatures({ ...base, edgeSlope: null })[3]).toBe(underFeatures(base)[3]);
    expect(underFeatures({ ...base, edgeSlope: 0.15 })[3]).toBe(0.15);
  });

  it('does not read a crowded field, many hairs to a mask piece, as a broken-up tracing', () => {
    // Three hairs and three strands to each piece: crossings join them, nothing is split.
    const crowded = {
      ...base,
      hairCount: 120,
      strands: 126,
      countedStrands: 118,
      components: 40,
      maskUm2: 120 * 50_000,
      rootPoints: 240,
      // Crossings end strands at junctions: fewer than one free end per hair, as on the crowded
      // synthetic fields the gate is fitted on.
      freeEnds: 100,
    };
    expect(overFeatures(crowded)[1]).toBeCloseTo(6 / 40);
    expect(gateIssues(crowded, piecesOnly)).toEqual([]);
    expect(gateIssues(crowded)).toEqual([]);
  });

  it('flags a field with too few hairs for a density with its own issue, and an empty field not at all', () => {
    const never = { ...piecesOnly, threshold: 100 };
    expect(gateIssues({ ...base, hairCount: FEW_HAIRS - 1 }, never)).toEqual(['few-hairs']);
    expect(gateIssues({ ...base, hairCount: FEW_HAIRS }, never)).toEqual([]);
    expect(gateIssues({ ...base, hairCount: 0, strands: 40 }, piecesOnly)).toEqual([]);
  });

  it('flags an uncertain count when the tracing broke the mask into many more strands than hairs', () => {
    expect(gateScore(base, piecesOnly)).toBeCloseTo(-1 + (4 * 2) / 11);
    expect(gateIssues(base, piecesOnly)).toEqual([]);
    expect(gateIssues({ ...base, strands: 18 }, piecesOnly)).toEqual(['uncertain-count']);
  });

  it('flags an uncertain count when the root points hold many more hairs than were counted', () => {
    expect(gateScore({ ...base, rootPoints: 12 }, pointsOnly)).toBeCloseTo(-1);
    expect(gateIssues({ ...base, rootPoints: 12 }, pointsOnly)).toEqual([]);
    // Three root points per hair: 2 · ln 3 − 1 > 0.
    expect(gateScore({ ...base, rootPoints: 38 }, pointsOnly)).toBeCloseTo(2 * Math.log(3) - 1);
    expect(gateIssues({ ...base, rootPoints: 38 }, pointsOnly)).toEqual(['uncertain-count']);
  });

  it('flags an overcount when the hairs counted have few free ends (pieces of shafts ending at junctions and corners)', () => {
    // Twelve hairs on pieces with six free ends between them, the rest at junctions and split
    // corners: a shaft or unit traced as several strands, each counted.
    const pieces = { ...base, freeEnds: 6 };
    expect(overFeatures(pieces)[3]).toBeCloseTo(0.5);
    expect(gateScore(pieces)).toBeGreaterThan(gateScore(base));
    expect(gateIssues(pieces)).toContain('uncertain-count');
  });

  it('sums the two sides’ chances: two doubts that each stay under the threshold can pass it together', () => {
    const both = {
      over: { bias: logit(0.3), weights: [] },
      under: { bias: logit(0.3), weights: [] },
      threshold: logit(0.5),
    };
    expect(gateScore(base, both)).toBeCloseTo(logit(0.6));
    expect(gateIssues(base, both)).toEqual(['uncertain-count']);
    expect(gateIssues(base, { ...both, under: silent })).toEqual([]);
  });

  it('widens the count interval on the side of the error the gate suspects, and only there', () => {
    const widths = { below: 1, above: 1.5, widen: 8 };
    const overOnly = {
      over: { bias: logit(0.25), weights: [] },
      under: silent,
      threshold: 0,
      interval: widths,
    };
    // Count 20, expected error 0.1: a spread of 2 hairs. Below: 1 · (1 + 8 · 0.25) = 3 spreads.
    expect(gateInterval(20, 0.1, base, overOnly)).toEqual([14, 23]);
    expect(countInterval(20, 0.1, { below: 3, above: 1.5 })).toEqual([14, 23]);
    // No doubt either way: the plain widths.
    const calm = { ...overOnly, over: silent };
    expect(gateInterval(20, 0.1, base, calm)).toEqual(countInterval(20, 0.1, widths));
    const underOnly = { ...calm, under: { bias: logit(0.5), weights: [] } };
    expect(gateInterval(20, 0.1, base, underOnly)).toEqual(countInterval(20, 0.1, { below: 1, above: 7.5 }));
    expect(gateInterval(0, 0, base)).toEqual([0, 0]);
  });

  it('uses the fitted model by default, which flags a broken-up, doubted tracing and merged hairs but not a clean field', () => {
    expect(gateIssues(base)).toEqual([]);
    const broken = { ...base, strands: 40, countedStrands: 10, components: 8, meanProbability: 0.8 };
    expect(gateScore(broken)).toBeGreaterThan(gateScore(base));
    expect(gateIssues(broken)).toContain('uncertain-count');
    // Blurred units traced as one strand each: three times the mask and root points per hair,
    // more pieces than hairs, soft edges.
    const merged = { ...base, maskUm2: 3 * base.maskUm2, rootPoints: 75, components: 20, edgeSlope: 0.23 };
    expect(gateScore(merged)).toBeGreaterThan(gateScore(base));
    expect(gateIssues(merged)).toContain('uncertain-count');
  });
});
