import { describe, expect, it } from 'vitest';
import { boxMean } from './box-mean';
import { candidateFeatures, PlanePool, pixelFeatures, toWorkingRgb } from './pixel-features';
import { shaftProbability, shaftProbabilityMap, shaftProbabilityOfCandidates } from './shaft-classifier';
import { paint, shaft, skinCanvas } from './test-canvas';

describe('pixel features', () => {
  it('box mean equals the mean over the window clipped at the borders', () => {
    const w = 37;
    const h = 23;
    const src = Float32Array.from({ length: w * h }, (_, i) => Math.sin(i * 1.7) * 10);
    for (const rad of [0, 1, 3, 8, 40]) {
      const got = boxMean(src, w, h, rad);
      for (let y = 0; y < h; y += 5)
        for (let x = 0; x < w; x += 3) {
          let s = 0;
          let n = 0;
          for (let yy = Math.max(0, y - rad); yy <= Math.min(h - 1, y + rad); yy++)
            for (let xx = Math.max(0, x - rad); xx <= Math.min(w - 1, x + rad); xx++) {
              s += src[yy * w + xx]!;
              n++;
            }
          expect(got[y * w + x]).toBeCloseTo(s / n, 4);
        }
    }
  });

  it('reads a dark shaft as shaft and the skin beside a white flake as skin', () => {
    const c = skinCanvas(300, 200, 4);
    paint(c, [30, 25, 25], shaft(40, 100, 260, 100, 9));
    paint(c, [250, 250, 252], (x, y) => (Math.hypot(x - 150, y - 40) < 14 ? 1 : 0));
    const f = pixelFeatures(toWorkingRgb(c.pixels, c.width, c.height, 3, 1), 8);
    const p = shaftProbabilityMap(f);
    expect(p[100 * 300 + 150]).toBeGreaterThan(0.8);
    // Just outside the flake: brighter-than-skin is clamped, so no dark ring appears around it.
    expect(p[40 * 300 + 168]).toBeLessThan(0.2);
    expect(p[170 * 300 + 40]).toBeLessThan(0.2);
  });

  it('gives the same probability pixel by pixel as through the whole map', () => {
    const c = skinCanvas(120, 80, 2);
    paint(c, [40, 30, 30], shaft(10, 40, 110, 30, 5));
    const f = pixelFeatures(toWorkingRgb(c.pixels, c.width, c.height, 3, 1), 8);
    const map = shaftProbabilityMap(f);
    const p = 35 * 120 + 60;
    const row = f.planes.map((plane) => plane[p]!);
    expect(map[p]).toBeCloseTo(shaftProbability(row), 3);
  });

  it("gives the same map from the candidate pixels' columns, with pooled planes reused between calls", () => {
    const pool = new PlanePool();
    // At 8 µm per pixel the coarse ridge's smoothing starts from the near mean; at 8.31 (the FDU
    // images binned 3×3) the two radii differ.
    for (const [seed, um] of [
      [3, 8],
      [5, 8],
      [4, 8.31],
    ] as const) {
      const c = skinCanvas(140, 90, seed);
      paint(c, [40, 30, 30], shaft(10, 20 + seed, 130, 70, 4 + seed));
      paint(c, [250, 250, 252], (x, y) => (Math.hypot(x - 70, y - 20) < 8 ? 1 : 0));
      const full = shaftProbabilityMap(pixelFeatures(toWorkingRgb(c.pixels, c.width, c.height, 3, 1), um));
      const cand = candidateFeatures(toWorkingRgb(c.pixels, c.width, c.height, 3, 1, pool), um, pool);
      expect(cand.candidates.length).toBeGreaterThan(0);
      expect(cand.candidates.length).toBeLessThan(full.length);
      const map = shaftProbabilityOfCandidates(cand, new Float32Array(full.length).fill(7));
      expect(map).toEqual(full);
    }
  });

  it('bins unbinned RGB into planes holding the bytes, from an aligned buffer or not', () => {
    const w = 7;
    const h = 3;
    const buf = Uint8Array.from({ length: w * h * 3 + 1 }, (_, i) => (i * 37 + 11) & 255);
    for (const offset of [0, 1]) {
      const px = buf.subarray(offset, offset + w * h * 3);
      const rgb = toWorkingRgb(px, w, h, 3, 1);
      for (let p = 0; p < w * h; p++) {
        expect([rgb.r[p], rgb.g[p], rgb.b[p]]).toEqual([px[3 * p], px[3 * p + 1], px[3 * p + 2]]);
      }
    }
  });
});
