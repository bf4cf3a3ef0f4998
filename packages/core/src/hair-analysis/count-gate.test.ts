import { describe, expect, it } from 'vitest';
import {
  FEW_HAIRS,
  GATE_FEATURE_NAMES,
  type GateInputs,
  gateFeatures,
  gateIssues,
  gateScore,
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
};
/** A model that reads only the extra strands per mask piece: logit = 4 · (strands − hairs)/pieces − 1. */
const piecesOnly = {
  bias: -1,
  weights: GATE_FEATURE_NAMES.map((n) => (n === 'extraStrandsPerPiece' ? 4 : 0)),
  threshold: 0,
};

describe('count gate', () => {
  it('reads ratios that do not change with the field size', () => {
    const x = gateFeatures(base);
    expect(x).toHaveLength(GATE_FEATURE_NAMES.length);
    expect(x).toEqual([3 / 12, 2 / 11, 0.95]);
    const doubled = { ...base, hairCount: 24, strands: 28, countedStrands: 22, components: 22 };
    expect(gateFeatures(doubled)).toEqual(x);
  });

  it('does not read a crowded field, many hairs to a mask piece, as a broken-up tracing', () => {
    // Three hairs and three strands to each piece: crossings join them, nothing is split.
    const crowded = { ...base, hairCount: 120, strands: 126, countedStrands: 118, components: 40 };
    expect(gateFeatures(crowded)[1]).toBeCloseTo(6 / 40);
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

  it('uses the fitted model by default, which flags a broken-up, doubted tracing but not a clean one', () => {
    expect(gateIssues(base)).toEqual([]);
    const broken = { ...base, strands: 40, countedStrands: 10, components: 8, meanProbability: 0.8 };
    expect(gateScore(broken)).toBeGreaterThan(gateScore(base));
    expect(gateIssues(broken)).toContain('uncertain-count');
  });
});
