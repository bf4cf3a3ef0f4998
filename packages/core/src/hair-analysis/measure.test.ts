import { describe, expect, it } from 'vitest';
import { decideEmergence, rootScore } from './emergence';
import { measureShaft } from './measure-shaft';
import { darknessLevel, extraWidthFactor } from './multiplicity';
import { classifyDiameter, diameterHistogram } from './summarize';
import type { Strand, StrandEnd } from './trace-strands';

const W = 100;
const end = (x: number, y: number, kind: StrandEnd['kind'] = 'free'): StrandEnd => ({
  x,
  y,
  kind,
  unpaired: 1,
  r: 2,
});
const vertical = (x: number, y0 = 10, y1 = 90): Strand => {
  const path: number[] = [];
  for (let y = y0; y < y1; y++) path.push(y * W + x);
  return { path, crossings: [], start: end(x, y0), end: end(x, y1 - 1) };
};

/** Darkness image with vertical anti-aliased bars: [centre x, width px, contrast]. */
function bars(spec: [number, number, number][], rows?: (y: number) => boolean): Float32Array {
  const img = new Float32Array(W * W);
  for (let y = 0; y < W; y++) {
    if (rows && !rows(y)) continue;
    for (let x = 0; x < W; x++) {
      for (const [cx, width, c] of spec) {
        const d = Math.abs(x + 0.5 - cx);
        img[y * W + x] =
          img[y * W + x]! + c * Math.max(0, Math.min(d + 0.5, width / 2) - Math.max(d - 0.5, -width / 2));
      }
    }
  }
  return img;
}

describe('measureShaft', () => {
  it.each([1.5, 3, 6, 9])('recovers a %s px wide shaft from its integrated darkness', (width) => {
    const m = measureShaft(vertical(50), bars([[50.5, width, 0.6]]), W, W, width / 2 + 0.5, [1, 1])!;
    expect(m.integral / 0.6).toBeCloseTo(width, 1);
    expect(m.peak).toBeLessThanOrEqual(0.6 + 1e-6);
  });

  it('excludes a neighbouring parallel shaft from the integral', () => {
    const m = measureShaft(
      vertical(50),
      bars([
        [50.5, 4, 0.6],
        [58.5, 4, 0.6],
      ]),
      W,
      W,
      2.5,
      [1, 1],
    )!;
    expect(m.integral / m.peak).toBeLessThan(5);
  });
});

describe('darknessLevel', () => {
  it('rises where a second shaft runs alongside for half the strand, and stays at 1 on a single shaft', () => {
    const single = darknessLevel(vertical(50), bars([[50.5, 4, 0.6]]), W, W, 2.5);
    expect(single.level).toBeCloseTo(1, 2);
    expect(single.low).toBeCloseTo(4 * 0.6, 1);
    const img = bars([[50.5, 4, 0.6]]);
    const second = bars([[54.5, 4, 0.6]], (y) => y < 50);
    for (let p = 0; p < img.length; p++) img[p] = img[p]! + second[p]!;
    const pair = darknessLevel(vertical(50), img, W, W, 2.5);
    expect(pair.level).toBeCloseTo(2, 1);
    // The one extra hair adds as much darkness as the shaft itself: the same width.
    expect(extraWidthFactor(pair, 1)).toBeCloseTo(1, 1);
    expect(extraWidthFactor(pair, 2)).toBeCloseTo(0.5, 1);
    expect(extraWidthFactor(single, 0)).toBe(1);
  });
});

describe('emergence', () => {
  it('scores a widened free end as a root and a narrow one as a tip', () => {
    expect(rootScore(end(0, 0), 2)).toBeGreaterThan(0);
    expect(rootScore(end(0, 0), 1)).toBeLessThan(0);
    expect(rootScore(end(0, 0, 'corner'), 1)).toBeGreaterThan(0);
    expect(rootScore(end(0, 0, 'border'), 3)).toBeLessThan(0);
  });

  it('counts inner strands, skips border-to-border ones, and decides border ones by root evidence', () => {
    const s = (a: StrandEnd, b: StrandEnd): Strand => ({ path: [], crossings: [], start: a, end: b });
    const strands = [
      s(end(10, 10), end(40, 10)), // fully inside
      s(end(0, 50, 'border'), end(99, 50, 'border')), // crosses the frame
      s(end(30, 30), end(0, 30, 'border')), // root inside (widened end)
      s(end(60, 60), end(99, 60, 'border')), // tip inside (narrow end)
    ];
    const d = decideEmergence(
      strands,
      [
        [2, 1],
        [1, 1],
        [2, 1],
        [1, 1],
      ],
      { w: 100, h: 100, radius: () => 2 },
    );
    expect(d.map((x) => x.counted)).toEqual([true, false, true, false]);
    expect([d[0]!.x, d[0]!.y]).toEqual([10, 10]);
  });
});

describe('classification and histogram', () => {
  it('puts the class boundaries at 30 and 60 µm', () => {
    expect([29.9, 30, 59.9, 60].map(classifyDiameter)).toEqual([
      'vellus',
      'intermediate',
      'intermediate',
      'terminal',
    ]);
  });

  it('bins diameters by 10 µm with an open last bin', () => {
    const h = diameterHistogram([5, 15, 19.9, 60, 250]);
    expect(h.binUm).toBe(10);
    expect(h.counts.slice(0, 2)).toEqual([1, 2]);
    expect(h.counts[6]).toBe(1);
    expect(h.counts.at(-1)).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5);
  });
});
