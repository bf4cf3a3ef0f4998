import { describe, expect, it } from 'vitest';
import { distanceTransform } from './distance-transform';
import { flattenIllumination, selectKth } from './flatten-illumination';
import { hysteresisThreshold, smoothAndThreshold, smoothClassifyRows } from './hysteresis-threshold';
import { toWorkingRgb } from './pixel-features';
import { CHUNK_ROWS, sharedFloat32 } from './row-chunks';
import { estimateNoiseSd, smoothBinomial } from './smooth';
import { Rng } from './synthetic/prng';
import { grayFromBinned, toWorkingGray, workingFactor } from './working-image';

describe('toWorkingGray', () => {
  it('weights red twice and bins 2×2 blocks', () => {
    // 2×2 RGBA image: one white pixel, three black.
    const px = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect(toWorkingGray(px, 2, 2, 4, 1).data[0]).toBe(255);
    expect(toWorkingGray(new Uint8Array([100, 40, 20]), 1, 1, 3, 1).data[0]).toBe(65);
    const binned = toWorkingGray(px, 2, 2, 4, 2);
    expect([binned.width, binned.height]).toEqual([1, 1]);
    expect(binned.data[0]).toBeCloseTo(63.75, 5);
  });

  it('gives the same grey levels from aligned and unaligned RGB and RGBA buffers (word and byte paths)', () => {
    const rng = new Rng(7);
    for (const channels of [3, 4] as const) {
      const w = 7; // 35 pixels: not a multiple of four, so the word path leaves a tail to the byte loop
      const h = 5;
      const bytes = new Uint8Array(1 + w * h * channels);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      const aligned = new Uint8Array(w * h * channels);
      aligned.set(bytes.subarray(1));
      const unaligned = bytes.subarray(1); // byteOffset 1: the byte path only
      const expected = Array.from({ length: w * h }, (_, p) => {
        const o = p * channels;
        return (2 * aligned[o]! + aligned[o + 1]! + aligned[o + 2]!) * 0.25;
      });
      expect(Array.from(toWorkingGray(aligned, w, h, channels, 1).data)).toEqual(expected);
      expect(Array.from(toWorkingGray(unaligned, w, h, channels, 1).data)).toEqual(expected);
    }
  });

  it('gives the same binned grey levels from the binned colour planes as from the pixels', () => {
    const rng = new Rng(11);
    for (const factor of [2, 3, 5]) {
      const w = 4 * factor + 1; // a partial block at the edge, dropped by both
      const h = 3 * factor;
      const px = new Uint8Array(w * h * 3);
      for (let i = 0; i < px.length; i++) px[i] = rng.int(0, 255);
      const rgb = toWorkingRgb(px, w, h, 3, factor);
      const fromPlanes = grayFromBinned(rgb, factor, new Float32Array(rgb.width * rgb.height));
      expect(Array.from(fromPlanes.data)).toEqual(Array.from(toWorkingGray(px, w, h, 3, factor).data));
    }
  });

  it('bins fine calibrations and very large images', () => {
    expect(workingFactor(4, 1600, 1200)).toBe(2);
    expect(workingFactor(8, 1600, 1200)).toBe(1);
    expect(workingFactor(8, 4000, 3000)).toBe(2);
    expect(workingFactor(8, 7300, 5475)).toBe(3); // 40 megapixels: working image ≤ 6 MP
  });
});

describe('flattenIllumination', () => {
  it('cancels a strong illumination gradient and keeps a dark bar at its contrast', () => {
    const w = 160;
    const h = 120;
    const data = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const light = 0.5 + x / w; // 0.5 … 1.5: a 3× brightness ramp
        const bar = x >= 78 && x < 84 ? 0.4 : 1; // 60 % darker shaft, 6 px wide
        data[y * w + x] = 180 * light * bar;
      }
    }
    const { darkness } = flattenIllumination({ data, width: w, height: h }, 8);
    for (const x of [10, 40, 120, 150]) expect(Math.abs(darkness[60 * w + x]!)).toBeLessThan(0.03);
    expect(darkness[60 * w + 80]).toBeGreaterThan(0.55);
    expect(darkness[60 * w + 80]).toBeLessThan(0.65);
  });
});

describe('smoothing and noise', () => {
  it('preserves the integral across a line and estimates Gaussian noise', () => {
    const w = 64;
    const h = 64;
    const line = new Float32Array(w * h);
    for (let y = 0; y < h; y++) line[y * w + 30] = 1;
    const s = smoothBinomial(line, w, h);
    let row = 0;
    for (let x = 0; x < w; x++) row += s[32 * w + x]!;
    expect(row).toBeCloseTo(1, 5);
    const rng = new Rng(5);
    const noise = new Float32Array(256 * 256).map(() => rng.normal(0, 0.02));
    expect(estimateNoiseSd(noise, 256, 256)).toBeGreaterThan(0.018);
    expect(estimateNoiseSd(noise, 256, 256)).toBeLessThan(0.022);
  });
});

describe('hysteresisThreshold', () => {
  it('keeps faint pixels connected to a strong one and drops isolated faint ones', () => {
    const w = 10;
    const src = new Float32Array(w * 3);
    src[11] = 0.9; // strong
    src[12] = 0.3; // faint, touching strong
    src[13] = 0.3;
    src[17] = 0.3; // faint, isolated
    const m = hysteresisThreshold(src, w, 3, 0.2, 0.5);
    expect([m[11], m[12], m[13], m[17], m[15]]).toEqual([1, 1, 1, 0, 0]);
  });
});

describe('distanceTransform', () => {
  it('gives about half the width at the centre of a bar', () => {
    const w = 40;
    const h = 40;
    const mask = new Uint8Array(w * h);
    for (let y = 5; y < 35; y++) for (let x = 10; x < 19; x++) mask[y * w + x] = 1; // 9 px wide
    const dt = distanceTransform(mask, w, h);
    expect(dt[20 * w + 14]).toBeCloseTo(5, 0);
    expect(dt[20 * w + 10]).toBe(1);
    expect(dt[20 * w + 5]).toBe(0);
  });
});

describe('buffer reuse', () => {
  /** A noisy field with a few dark bars, as grey levels. */
  function field(w: number, h: number, seed: number): Float32Array {
    const rng = new Rng(seed);
    const g = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const bar = (x + 2 * y) % 37 < 4 || (3 * x - y + 400) % 53 < 3;
        g[y * w + x] = (bar ? 90 : 190) * (0.8 + (0.4 * x) / w) + rng.normal(0, 3);
      }
    }
    return g;
  }

  it('gives the same maps in place, into dirty buffers, and after a larger image', () => {
    const w = 97;
    const h = 61;
    const g = field(w, h, 3);
    const fresh = flattenIllumination({ data: g, width: w, height: h }, 8);
    const copy = g.slice();
    const inPlace = flattenIllumination({ data: copy, width: w, height: h }, 8, 55, copy);
    expect(inPlace.darkness).toEqual(fresh.darkness);
    expect(inPlace.skinLevel).toBe(fresh.skinLevel);

    const smooth = smoothBinomial(fresh.darkness, w, h);
    const smoothInPlace = fresh.darkness.slice();
    smoothBinomial(smoothInPlace, w, h, smoothInPlace);
    expect(smoothInPlace).toEqual(smooth);

    const mask = hysteresisThreshold(smooth, w, h, 0.05, 0.1);
    expect(mask.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
    const dirtyMask = new Uint8Array(w * h + 5).fill(1);
    expect(hysteresisThreshold(smooth, w, h, 0.05, 0.1, dirtyMask)).toEqual(mask);
    // An output view that does not start on a 4-byte boundary.
    expect(hysteresisThreshold(smooth, w, h, 0.05, 0.1, dirtyMask.subarray(1))).toEqual(mask);
    const dt = distanceTransform(mask, w, h);
    expect(distanceTransform(dirtyMask.subarray(1, 1 + w * h), w, h)).toEqual(dt);
    expect(distanceTransform(mask, w, h, new Float32Array(w * h).fill(9))).toEqual(dt);

    // Internal scratch memory is shared between calls: a larger image in between must not leak in.
    const W = 211;
    const H = 150;
    const big = smoothBinomial(
      flattenIllumination({ data: field(W, H, 4), width: W, height: H }, 8).darkness,
      W,
      H,
    );
    distanceTransform(hysteresisThreshold(big, W, H, 0.03, 0.06), W, H);
    expect(hysteresisThreshold(smooth, w, h, 0.05, 0.1)).toEqual(mask);
    expect(distanceTransform(mask, w, h)).toEqual(dt);
  });

  it('thresholds rows as the smoothing writes them, like smoothing then thresholding', () => {
    const w = 83;
    const h = 47;
    const raw = flattenIllumination({ data: field(w, h, 5), width: w, height: h }, 8).darkness;
    const smooth = smoothBinomial(raw, w, h);
    const expected = hysteresisThreshold(smooth, w, h, 0.05, 0.1);
    const seen: number[] = [];
    smoothBinomial(raw, w, h, new Float32Array(w * h), (y) => seen.push(y));
    expect(seen).toEqual(Array.from({ length: h }, (_, y) => y));
    const dark = sharedFloat32(w * h);
    expect(smoothAndThreshold(raw, dark, w, h, 0.05, 0.1, new Uint8Array(w * h).fill(1))).toEqual(expected);
    expect(dark).toEqual(smooth);
    // Rows in any order give the same classification: the two chunks of rows, last one first.
    const classify = (order: [number, number][]) => {
      const a = {
        src: raw,
        out: new Float32Array(w * h),
        w,
        h,
        low: 0.05,
        high: 0.1,
        state: new Uint8Array((w + 2) * (h + 2)),
        faint: new Int32Array(2 * CHUNK_ROWS * w),
        faintCounts: new Int32Array(2),
        cap: CHUNK_ROWS * w,
      };
      for (const [from, to] of order) smoothClassifyRows(a, from, to);
      return a.state;
    };
    expect(
      classify([
        [CHUNK_ROWS, h],
        [0, CHUNK_ROWS],
      ]),
    ).toEqual(classify([[0, h]]));
  });

  it('converts to grey into a reused buffer', () => {
    const px = new Uint8Array([10, 20, 30, 200, 100, 50, 0, 0, 0, 255, 255, 255]);
    const out = new Float32Array(8).fill(7);
    const grey = toWorkingGray(px, 2, 2, 3, 1, out);
    expect(Array.from(grey.data)).toEqual([17.5, 137.5, 0, 255]);
  });
});

describe('selectKth', () => {
  it('picks the value a numeric sort puts at the index', () => {
    const rng = new Rng(11);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const a = Float64Array.from({ length: n }, () => rng.int(0, 20) / 4);
      const sorted = a.slice().sort();
      for (const k of [0, n >> 2, n >> 1, n - 1]) expect(selectKth(a.slice(), k)).toBe(sorted[k]);
    }
  });
});
