import { describe, expect, it } from 'vitest';
import { generateTrichoscopyImage } from './generate-trichoscopy';
import { mulberry32 } from './prng';

describe('mulberry32', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('generateTrichoscopyImage', { timeout: 60_000 }, () => {
  const opts = { seed: 11, width: 400, height: 300, umPerPx: 10, densityPerCm2: 200 };

  it('is deterministic in its seed', () => {
    const a = generateTrichoscopyImage(opts);
    const b = generateTrichoscopyImage(opts);
    const c = generateTrichoscopyImage({ ...opts, seed: 12 });
    expect(a.pixels).toEqual(b.pixels);
    expect(a.pixels).not.toEqual(c.pixels);
    expect(a.truth).toEqual(b.truth);
  });

  it('returns consistent ground truth: only hairs emerging in the frame count', () => {
    const { truth, width, height, umPerPx, pixels } = generateTrichoscopyImage(opts);
    expect(pixels).toHaveLength(width * height * 3);
    expect(truth.hairCount).toBe(truth.hairs.length);
    expect(truth.allHairs.length).toBeGreaterThan(truth.hairCount); // hairs entering from outside exist
    for (const h of truth.hairs) {
      expect(h.x >= 0 && h.x < width && h.y >= 0 && h.y < height).toBe(true);
      expect(h.diameterUm).toBeGreaterThanOrEqual(10);
      expect(h.diameterUm).toBeLessThanOrEqual(100);
      expect(h.class).toBe(h.diameterUm < 30 ? 'vellus' : h.diameterUm < 60 ? 'intermediate' : 'terminal');
    }
    const area = (width * height * umPerPx ** 2) / 1e8;
    expect(truth.densityPerCm2).toBeCloseTo(truth.hairCount / area, 6);
    expect(truth.vellusRatio).toBeCloseTo(
      truth.hairs.filter((h) => h.class === 'vellus').length / truth.hairCount,
      6,
    );
    // The expected count is density × area; a Poisson-like spread around it.
    expect(Math.abs(truth.hairCount - 200 * area)).toBeLessThan(4 * Math.sqrt(200 * area) + 4);
  });

  it('draws hair darker than skin', () => {
    const img = generateTrichoscopyImage({ ...opts, densityPerCm2: 10, hairColor: 'black', skinTone: 0 });
    const lum = (p: number) => img.pixels[p * 3]! + img.pixels[p * 3 + 1]! + img.pixels[p * 3 + 2]!;
    let min = Infinity;
    let sum = 0;
    for (let p = 0; p < img.width * img.height; p++) {
      min = Math.min(min, lum(p));
      sum += lum(p);
    }
    expect(min).toBeLessThan(0.4 * (sum / (img.width * img.height)));
  });
});
