import type { GrayImage } from './working-image';

const BLOCK = 8;

/**
 * Estimates the skin (background) brightness and returns darkness = 1 − gray/background, so uneven
 * illumination and vignetting cancel (they multiply hair and skin alike). The background is the
 * upper-half mean of 8×8 blocks, with blocks far darker than their surroundings replaced by a
 * morphological closing (shafts up to ~`closingUm` wide), box-smoothed and bilinearly upsampled. Darkness ≈ 0 on skin, up to ≈ 0.9 on black hair.
 * Also returns the median skin grey level for exposure checks.
 */
export function flattenIllumination(img: GrayImage, umPerWorkingPx: number, closingUm = 55) {
  const { data, width: w, height: h } = img;
  const bw = Math.max(1, Math.ceil(w / BLOCK));
  const bh = Math.max(1, Math.ceil(h / BLOCK));
  const sums = new Float32Array(bw * bh);
  const counts = new Float32Array(bw * bh);
  const blockOf = (x: number, y: number) => ((y / BLOCK) | 0) * bw + ((x / BLOCK) | 0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const b = blockOf(x, y);
      sums[b] = sums[b]! + data[y * w + x]!;
      counts[b] = counts[b]! + 1;
    }
  }
  // Mean of the pixels at or above the block mean: hair pixels are darker, so this is the skin level
  // unless hair covers most of the block.
  const means = new Float32Array(bw * bh);
  for (let b = 0; b < means.length; b++) means[b] = sums[b]! / counts[b]!;
  sums.fill(0);
  counts.fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const b = blockOf(x, y);
      const v = data[y * w + x]!;
      if (v >= means[b]!) {
        sums[b] = sums[b]! + v;
        counts[b] = counts[b]! + 1;
      }
    }
  }
  const upper = new Float32Array(bw * bh);
  for (let b = 0; b < upper.length; b++) upper[b] = counts[b]! > 0 ? sums[b]! / counts[b]! : means[b]!;
  // Blocks entirely inside a wide shaft or bundle: take the closing (neighbouring skin) instead.
  const k = Math.max(1, Math.ceil(closingUm / (BLOCK * umPerWorkingPx)));
  const closedAll = minFilter(maxFilter(upper, bw, bh, k), bw, bh, k);
  const closed = new Float32Array(bw * bh);
  for (let b = 0; b < closed.length; b++)
    closed[b] = upper[b]! < 0.85 * closedAll[b]! ? closedAll[b]! : upper[b]!;
  const smooth = boxFilter(closed, bw, bh, 1);
  const darkness = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / BLOCK - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const tx = fx - x0;
      const top = smooth[y0 * bw + x0]! * (1 - tx) + smooth[y0 * bw + x1]! * tx;
      const bottom = smooth[y1 * bw + x0]! * (1 - tx) + smooth[y1 * bw + x1]! * tx;
      const bg = top * (1 - ty) + bottom * ty;
      darkness[y * w + x] = bg > 1 ? 1 - data[y * w + x]! / bg : 0;
    }
  }
  // The upper-half mean sits above the typical skin pixel; re-centre so skin is at 0.
  const offset = sampledMedian(darkness, 4099);
  for (let p = 0; p < darkness.length; p++) darkness[p] = darkness[p]! - offset;
  return { darkness, skinLevel: sampledMedian(smooth, 997) };
}

/** Median of an evenly strided sample (cheap and deterministic). */
export function sampledMedian(a: Float32Array, maxSamples: number): number {
  const step = Math.max(1, Math.floor(a.length / maxSamples));
  const s: number[] = [];
  for (let i = 0; i < a.length; i += step) s.push(a[i]!);
  s.sort((p, q) => p - q);
  return s.length ? s[s.length >> 1]! : 0;
}

function extremumFilter(src: Float32Array, w: number, h: number, k: number, useMax: boolean): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const pick = useMax ? Math.max : Math.min;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = src[y * w + x]!;
      for (let d = Math.max(0, x - k); d <= Math.min(w - 1, x + k); d++) v = pick(v, src[y * w + d]!);
      tmp[y * w + x] = v;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = tmp[y * w + x]!;
      for (let d = Math.max(0, y - k); d <= Math.min(h - 1, y + k); d++) v = pick(v, tmp[d * w + x]!);
      out[y * w + x] = v;
    }
  }
  return out;
}

export const maxFilter = (s: Float32Array, w: number, h: number, k: number) =>
  extremumFilter(s, w, h, k, true);
export const minFilter = (s: Float32Array, w: number, h: number, k: number) =>
  extremumFilter(s, w, h, k, false);

/** Box mean with radius k (edge-clamped window). */
export function boxFilter(src: Float32Array, w: number, h: number, k: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let n = 0;
      for (let yy = Math.max(0, y - k); yy <= Math.min(h - 1, y + k); yy++) {
        for (let xx = Math.max(0, x - k); xx <= Math.min(w - 1, x + k); xx++) {
          s += src[yy * w + xx]!;
          n++;
        }
      }
      out[y * w + x] = s / n;
    }
  }
  return out;
}
