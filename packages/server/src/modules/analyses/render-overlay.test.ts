import type { HairAnalysisResult } from '@anagen/core/hair-analysis';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderOverlay } from './render-overlay';

const W = 200;
const H = 120;
const result = (hairs: HairAnalysisResult['hairs']): HairAnalysisResult => ({
  width: W,
  height: H,
  umPerPx: 10,
  areaCm2: 0.024,
  hairCount: hairs.length,
  densityPerCm2: hairs.length / 0.024,
  meanDiameterUm: 70,
  vellusRatio: 0,
  terminalRatio: 1,
  hairs,
  diameterHistogram: { binUm: 10, counts: [] },
  hairMassPerCm2: 0,
  quality: { ok: true, confidence: 0.9, expectedError: 0.1, countInterval: [9, 11], issues: [] },
  engineVersion: 'test',
});
const hair = (x: number, y: number) => ({ x, y, diameterUm: 70, class: 'terminal' as const });

describe('renderOverlay', () => {
  const image = { pixels: new Uint8Array(W * H * 3).fill(120), width: W, height: H, channels: 3 as const };
  const trace = (x: number, y: number, hidden: number) => ({
    points: [x, y, x + 30, y],
    counted: true,
    class: 'terminal' as const,
    emergence: { x, y },
    hidden,
  });

  it('draws one ring for a lone hair and one more ring for each hair a strand stands for', async () => {
    const png = await renderOverlay(image, result([hair(50, 90), hair(140, 90), hair(140, 90)]), [
      trace(50, 90, 0),
      trace(140, 90, 1),
    ]);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([W, H]);
    // Looking left from each point (the traces run right): separate white rings cross the line.
    const rings = (hits: number[]) => hits.filter((d, i) => i === 0 || d !== hits[i - 1]! + 1).length;
    const lone = await whiteRunsLeft(png, 50, 90);
    const pair = await whiteRunsLeft(png, 140, 90);
    expect(rings(lone)).toBe(1);
    expect(rings(pair)).toBe(2);
  });
});

/** White pixels along a horizontal line from (x0, y) to the left, as distances. */
async function whiteRunsLeft(png: Buffer, x0: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const hits: number[] = [];
  for (let d = 1; d < 30 && x0 - d >= 0; d++) {
    const o = (y * W + (x0 - d)) * info.channels;
    if (data[o]! > 240 && data[o + 1]! > 240 && data[o + 2]! > 240) hits.push(d);
  }
  return hits;
}
