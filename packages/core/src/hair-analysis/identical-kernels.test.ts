import { describe, expect, it } from 'vitest';
import { boxMean } from './box-mean';
import { toWorkingRgb } from './pixel-features';
import { type RootPointMaps, rootPointSeeds } from './root-points';
import { SkinGrid, skinBlocks } from './skin-levels';

/**
 * The speed rounds' rewritten kernels against plain reference versions of what they compute (the
 * analysis' outputs must not change; these catch a rewrite that drifts).
 */
const noise = (n: number, seed: number) => {
  let s = seed;
  return Uint8Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 24;
  });
};

/**
 * Box mean the plain way: running sums along each row into a Float32 image, then running sums down
 * each column (the row entering added, then the one leaving subtracted), divided by the rows counted.
 */
function plainBoxMean(src: Float32Array, w: number, h: number, rad: number): Float32Array {
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let sum = 0;
    for (let x = 0; x < Math.min(w, rad); x++) sum += src[y * w + x]!;
    for (let x = 0; x < w; x++) {
      if (x + rad < w) sum += src[y * w + x + rad]!;
      if (x - rad - 1 >= 0) sum -= src[y * w + x - rad - 1]!;
      rows[y * w + x] = sum * (1 / (Math.min(w - 1, x + rad) - Math.max(0, x - rad) + 1));
    }
  }
  const out = new Float32Array(w * h);
  for (let x = 0; x < w; x++) {
    let col = 0;
    for (let y = 0; y < Math.min(h, rad); y++) col += rows[y * w + x]!;
    for (let y = 0; y < h; y++) {
      if (y + rad < h) col += rows[(y + rad) * w + x]!;
      if (y - rad - 1 >= 0) col -= rows[(y - rad - 1) * w + x]!;
      out[y * w + x] = col / (Math.min(h - 1, y + rad) - Math.max(0, y - rad) + 1);
    }
  }
  return out;
}

describe('kernels rewritten for speed', () => {
  it('the box mean equals the plain two-pass running sums, in place or not, at any radius', () => {
    for (const [w, h] of [
      [41, 37],
      [40, 9],
      [7, 30],
    ] as const) {
      const src = Float32Array.from(noise(w * h, w + h), (v) => (v < 40 ? v / 255 : v / 4000));
      for (const rad of [1, 2, 3, 4, 7, 12, 40]) {
        const want = plainBoxMean(src, w, h, rad);
        expect(boxMean(src, w, h, rad)).toEqual(want);
        const inPlace = src.slice();
        expect(boxMean(inPlace, w, h, rad, inPlace)).toEqual(want);
      }
    }
  });

  it('binning equals the mean of each block, for every factor and channel count', () => {
    for (const [factor, channels, width, height] of [
      [3, 3, 50, 31],
      // Rows 4-byte aligned (width a multiple of 4): read as words, four blocks at a time.
      [3, 3, 52, 31],
      [3, 3, 12, 6],
      [2, 3, 41, 20],
      [3, 4, 33, 17],
      [4, 3, 37, 26],
    ] as const) {
      const pixels = noise(width * height * channels, factor * 10 + channels);
      const got = toWorkingRgb(pixels, width, height, channels, factor);
      const w = Math.floor(width / factor);
      const h = Math.floor(height / factor);
      expect(got.width).toBe(w);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const sums = [0, 0, 0];
          for (let dy = 0; dy < factor; dy++)
            for (let dx = 0; dx < factor; dx++)
              for (let c = 0; c < 3; c++)
                sums[c]! += pixels[((y * factor + dy) * width + x * factor + dx) * channels + c]!;
          const norm = 1 / (factor * factor);
          expect([got.r[y * w + x], got.g[y * w + x], got.b[y * w + x]]).toEqual(
            sums.map((s) => Math.fround(s * norm)),
          );
        }
    }
  });

  it('the skin level at single pixels equals the interpolated rows', () => {
    const w = 97;
    const h = 61;
    const src = Float32Array.from(noise(w * h, 7), (v) => 60 + (v % 90) + 0.25 * (v & 3));
    const B = 12;
    const bw = Math.ceil(w / B);
    const bh = Math.ceil(h / B);
    const levels = skinBlocks(src, w, h, B, bw, bh);
    const grid = new SkinGrid(w, B, bw, bh);
    const rows = new Float32Array(w * h);
    for (let y = 0; y < h; y++) grid.row(levels, y, rows.subarray(y * w, (y + 1) * w));
    const cand = Int32Array.from({ length: w * h }, (_, p) => p).filter((p) => (p * 7919) % 5 === 0);
    const got = new Float32Array(cand.length);
    grid.atPixels(levels, cand, w, got);
    expect(Array.from(got)).toEqual(Array.from(cand, (p) => rows[p]));
  });

  it('a block reading dark takes the median of its 3×3 neighbourhood, edges and corners too', () => {
    const B = 4;
    const bw = 6;
    const bh = 5;
    const w = bw * B;
    const h = bh * B;
    // Uniform blocks (the block median is the block's value), a third of them dark.
    const own = Array.from(noise(bw * bh, 11), (v) => (v % 3 === 0 ? 30 + (v % 20) : 90 + (v % 60)));
    const src = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) src[y * w + x] = own[Math.floor(y / B) * bw + Math.floor(x / B)]!;
    const want = own.map((v, i) => {
      const bx = i % bw;
      const by = Math.floor(i / bw);
      const nb: number[] = [];
      for (let y = Math.max(0, by - 1); y <= Math.min(bh - 1, by + 1); y++)
        for (let x = Math.max(0, bx - 1); x <= Math.min(bw - 1, bx + 1); x++) nb.push(own[y * bw + x]!);
      nb.sort((p, q) => p - q);
      const med = nb[nb.length >> 1]!;
      return v < 0.85 * med ? med : v;
    });
    expect(want.filter((v, i) => v !== own[i]).length).toBeGreaterThan(3);
    expect(Array.from(skinBlocks(src, w, h, B, bw, bh))).toEqual(want);
  });

  it('root-point seeds are each cell’s last most probable pixel, cells in row order', () => {
    const w = 53;
    const h = 37;
    const probability = Float32Array.from(noise(w * h, 3), (v) => (v < 200 ? 0 : (v & 7) / 8));
    const maps = { width: w, height: h, umPerWorkingPx: 10, probability } as unknown as RootPointMaps;
    const cell = 4; // 40 µm at 10 µm/px
    const want: number[] = [];
    for (let cy = 0; cy < h; cy += cell)
      for (let cx = 0; cx < w; cx += cell) {
        let best = 0.15;
        let at = -1;
        for (let y = cy; y < Math.min(h, cy + cell); y++)
          for (let x = cx; x < Math.min(w, cx + cell); x++)
            if (probability[y * w + x]! >= best) {
              best = probability[y * w + x]!;
              at = y * w + x;
            }
        if (at >= 0) want.push(at % w, Math.floor(at / w));
      }
    expect(want.length).toBeGreaterThan(20);
    expect(rootPointSeeds(maps)).toEqual(want);
  });
});
