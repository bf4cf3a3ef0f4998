import { runRows, sharedFloat32, sharedFloat64 } from './row-chunks';
import type { GrayImage } from './working-image';

const SHIFT = 3;
const BLOCK = 1 << SHIFT;

/**
 * Estimates the skin (background) brightness and returns darkness = 1 − gray/background, so uneven
 * illumination and vignetting cancel (they multiply hair and skin alike). The background is the
 * upper-half mean of 8×8 blocks, with blocks far darker than their surroundings replaced by a
 * morphological closing (shafts up to ~`closingUm` wide), box-smoothed and bilinearly upsampled.
 * Darkness ≈ 0 on skin, up to ≈ 0.9 on black hair. Also returns the median skin grey level.
 * The map is written to `out` when given, which may be `img.data` itself (each pixel is read just
 * before it is overwritten, and the background estimate is complete by then).
 */
export function flattenIllumination(
  img: GrayImage,
  umPerWorkingPx: number,
  closingUm = 55,
  out?: Float32Array,
): { darkness: Float32Array; skinLevel: number } {
  const { data, width: w, height: h } = img;
  const bw = Math.max(1, (w + BLOCK - 1) >> SHIFT);
  const bh = Math.max(1, (h + BLOCK - 1) >> SHIFT);
  const sums = sharedFloat64(bw * bh);
  const counts = sharedFloat64(bw * bh);
  runRows('blockSums', blockSums, { data, w, h, bw, sums }, h);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      counts[by * bw + bx] =
        (Math.min(h, (by + 1) * BLOCK) - by * BLOCK) * (Math.min(w, (bx + 1) * BLOCK) - bx * BLOCK);
    }
  }
  // Mean of the pixels at or above the block mean: hair pixels are darker, so this is the skin level
  // unless hair covers most of the block.
  const means = sharedFloat32(bw * bh);
  for (let b = 0; b < means.length; b++) means[b] = sums[b]! / counts[b]!;
  runRows('upperHalfSums', upperHalfSums, { data, w, h, bw, means, sums, counts }, h);
  const upper = new Float32Array(bw * bh);
  for (let b = 0; b < upper.length; b++) upper[b] = counts[b]! > 0 ? sums[b]! / counts[b]! : means[b]!;
  // Blocks entirely inside a wide shaft or bundle: take the closing (neighbouring skin) instead.
  const k = Math.max(1, Math.ceil(closingUm / (BLOCK * umPerWorkingPx)));
  const closedAll = minFilter(maxFilter(upper, bw, bh, k), bw, bh, k);
  const closed = new Float32Array(bw * bh);
  for (let b = 0; b < closed.length; b++)
    closed[b] = upper[b]! < 0.85 * closedAll[b]! ? closedAll[b]! : upper[b]!;
  const smooth = boxFilter(closed, bw, bh, 1, sharedFloat32(bw * bh));
  // Bilinear upsampling with per-column weights computed once.
  const cx0 = new Int32Array(w);
  const cx1 = new Int32Array(w);
  const ctx = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / BLOCK - 0.5));
    cx0[x] = Math.floor(fx);
    cx1[x] = Math.min(bw - 1, cx0[x]! + 1);
    ctx[x] = fx - cx0[x]!;
  }
  const top = new Float32Array(bw);
  // The upper-half mean sits above the typical skin pixel: find the offset on a sample first, so
  // the full map is written once, already centred on skin = 0.
  // (A typed array sorts numerically without a comparator call per comparison.)
  const sample = new Float64Array(Math.ceil(Math.max(0, h - 3) / 16) * Math.ceil(Math.max(0, w - 5) / 13));
  let ns = 0;
  for (let y = 3; y < h; y += 16) {
    rowBackground(smooth, bw, bh, y, top);
    for (let x = 5; x < w; x += 13) {
      const bg = top[cx0[x]!]! + (top[cx1[x]!]! - top[cx0[x]!]!) * ctx[x]!;
      sample[ns++] = bg > 1 ? 1 - data[y * w + x]! / bg : 0;
    }
  }
  // The element a full sort would put at ns >> 1 (over the whole array, as sorting it did).
  const offset = ns ? selectKth(sample, ns >> 1) : 0;
  const darkness = out ? out.subarray(0, w * h) : sharedFloat32(w * h);
  const args = { data, darkness, w, h, bw, bh, smooth, offset };
  // In place, a pixel redone after a failed helper would read its own darkness as grey.
  if (darkness.buffer === data.buffer && darkness.byteOffset === data.byteOffset) darknessRows(args, 0, h);
  else runRows('darknessRows', darknessRows, args, h);
  return { darkness, skinLevel: sampledMedian(smooth, 997) };
}

/** Background of row `y` at each block column, interpolated between block rows. */
function rowBackground(smooth: Float32Array, bw: number, bh: number, y: number, out: Float32Array): void {
  const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
  const y0 = Math.floor(fy);
  const y1 = Math.min(bh - 1, y0 + 1);
  const ty = fy - y0;
  for (let b = 0; b < bw; b++) out[b] = smooth[y0 * bw + b]! * (1 - ty) + smooth[y1 * bw + b]! * ty;
}

/**
 * Row kernel: block sums of rows `from`…`to`−1 (whole block rows), from every other row: plenty of
 * samples, half the memory traffic. A full block's eight pixels of a row are added in one
 * expression (left to right: the same additions in the same order as one at a time), so the loop
 * runs once per block instead of once per pixel. The chunk's sums start from 0, so a redone chunk
 * gives the same sums.
 */
export function blockSums(
  a: { data: Float32Array; w: number; h: number; bw: number; sums: Float64Array },
  from: number,
  to: number,
): void {
  const { data, w, bw, sums } = a;
  sums.fill(0, (from >> SHIFT) * bw, ((to + BLOCK - 1) >> SHIFT) * bw);
  const full = w >> SHIFT;
  for (let y = from; y < to; y += 2) {
    const row = (y >> SHIFT) * bw;
    let p = y * w;
    for (let b = row; b < row + full; b++, p += BLOCK) {
      sums[b] =
        sums[b]! +
        data[p]! +
        data[p + 1]! +
        data[p + 2]! +
        data[p + 3]! +
        data[p + 4]! +
        data[p + 5]! +
        data[p + 6]! +
        data[p + 7]!;
    }
    for (let b = row + full; p < (y + 1) * w; p++) sums[b] = sums[b]! + data[p]!;
  }
}

/** Row kernel: per block, the sum and count of the pixels at or above the block's mean. */
export function upperHalfSums(
  a: {
    data: Float32Array;
    w: number;
    h: number;
    bw: number;
    means: Float32Array;
    sums: Float64Array;
    counts: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { data, w, bw, means, sums, counts } = a;
  sums.fill(0, (from >> SHIFT) * bw, ((to + BLOCK - 1) >> SHIFT) * bw);
  counts.fill(0, (from >> SHIFT) * bw, ((to + BLOCK - 1) >> SHIFT) * bw);
  const full = w >> SHIFT;
  for (let y = from; y < to; y += 2) {
    const row = (y >> SHIFT) * bw;
    let p = y * w;
    // Full blocks, then the partial one at the right edge: a loop bound without Math.min, and p
    // as the only induction variable, made this pass several times faster.
    for (let b = row; b < row + full; b++) p = addUpperHalf(data, p, p + BLOCK, means[b]!, sums, counts, b);
    if (p < (y + 1) * w) addUpperHalf(data, p, (y + 1) * w, means[row + full]!, sums, counts, row + full);
  }
}

/** Row kernel: darkness = 1 − grey / background − offset, for rows `from`…`to`−1. */
export function darknessRows(
  a: {
    data: Float32Array;
    darkness: Float32Array;
    w: number;
    h: number;
    bw: number;
    bh: number;
    smooth: Float32Array;
    offset: number;
  },
  from: number,
  to: number,
): void {
  const { data, darkness, w, bw, bh, smooth, offset } = a;
  const top = new Float32Array(bw);
  for (let y = from; y < to; y++) {
    rowBackground(smooth, bw, bh, y, top);
    // Walk the row block by block: between two block centres the background is linear in x.
    const row = y * w;
    let x = 0;
    const first = Math.min(w, BLOCK / 2);
    for (; x < first; x++) darkness[row + x] = 1 - data[row + x]! / top[0]! - offset;
    for (let b = 0; b + 1 < bw && x < w; b++) {
      const end = Math.min(w, (b + 1) * BLOCK + BLOCK / 2);
      const start = b * BLOCK + BLOCK / 2;
      const slope = (top[b + 1]! - top[b]!) / BLOCK;
      const bg = top[b]! + slope * (x - start + 0.5);
      darkenSpan(data, darkness, row + x, row + end, bg, slope, offset);
      x = end;
    }
    const last = top[bw - 1]!;
    for (; x < w; x++) darkness[row + x] = (last > 1 ? 1 - data[row + x]! / last : 0) - offset;
  }
}

/**
 * darkness = 1 − grey / background − offset over pixels `from`…`to`−1, the background starting at
 * `bg` and rising by `slope` per pixel. (A loop with one induction variable and a plain bound:
 * written inline with x, p and a Math.min bound, the pass was markedly slower.)
 */
function darkenSpan(
  data: Float32Array,
  darkness: Float32Array,
  from: number,
  to: number,
  bg: number,
  slope: number,
  offset: number,
): void {
  for (let p = from; p < to; p++, bg += slope) darkness[p] = (bg > 1 ? 1 - data[p]! / bg : 0) - offset;
}

/**
 * Adds the pixels `from`…`to`−1 at or above block `b`'s mean `m` to its sum and count; returns `to`.
 */
function addUpperHalf(
  data: Float32Array,
  from: number,
  to: number,
  m: number,
  sums: Float64Array,
  counts: Float64Array,
  b: number,
): number {
  let s = sums[b]!;
  let c = counts[b]!;
  for (let p = from; p < to; p++) {
    const v = data[p]!;
    if (v >= m) {
      s += v;
      c++;
    }
  }
  sums[b] = s;
  counts[b] = c;
  return to;
}

/**
 * Keeps the result's hidden class alive. Results are dropped right after each call, so a major GC
 * found no object of that shape, let its map die and cleared the return statement's store
 * feedback; the optimised code then deoptimised at the return and the next call ran the loops
 * unoptimised until on-stack replacement recompiled them (tens of ms, and the compile on a second
 * core). Same literal shape and field representations as the return statement.
 *
 * @public (kept exported on purpose, see above)
 */
export const resultShape = { darkness: new Float32Array(0), skinLevel: 0.5 };

/** Median of an evenly strided sample (cheap and deterministic). */
function sampledMedian(a: Float32Array, maxSamples: number): number {
  const step = Math.max(1, Math.floor(a.length / maxSamples));
  const s = new Float32Array(Math.ceil(a.length / step));
  for (let i = 0, n = 0; i < a.length; i += step) s[n++] = a[i]!;
  s.sort();
  return s.length ? s[s.length >> 1]! : 0;
}

/**
 * Separable max (or min) over a (2k+1)×(2k+1) window, edge-clamped. Max and min are exact, so the
 * two specialised loops give the same values as any other order.
 */
function extremumFilter(src: Float32Array, w: number, h: number, k: number, useMax: boolean): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) windowExtrema(src, tmp, y * w, 1, w, k, useMax);
  for (let x = 0; x < w; x++) windowExtrema(tmp, out, x, w, h, k, useMax);
  return out;
}

/**
 * Max (or min) over the window of radius k, clamped to the line, of each of the `n` values of the
 * line that starts at `start` with stride `step`. The direction is chosen once per value, outside
 * the window loop, and the window's bounds once per value, outside its loop condition.
 */
function windowExtrema(
  src: Float32Array,
  dst: Float32Array,
  start: number,
  step: number,
  n: number,
  k: number,
  useMax: boolean,
): void {
  for (let i = 0, p = start; i < n; i++, p += step) {
    const lo = start + Math.max(0, i - k) * step;
    const hi = start + Math.min(n - 1, i + k) * step;
    let v = src[p]!;
    if (useMax) {
      for (let q = lo; q <= hi; q += step) if (src[q]! > v) v = src[q]!;
    } else {
      for (let q = lo; q <= hi; q += step) if (src[q]! < v) v = src[q]!;
    }
    dst[p] = v;
  }
}

const maxFilter = (s: Float32Array, w: number, h: number, k: number) => extremumFilter(s, w, h, k, true);
const minFilter = (s: Float32Array, w: number, h: number, k: number) => extremumFilter(s, w, h, k, false);

/**
 * Box mean with radius k (edge-clamped window). Sums run row by row, left to right; the window's
 * bounds are computed once per pixel, outside the loop conditions.
 */
function boxFilter(
  src: Float32Array,
  w: number,
  h: number,
  k: number,
  out: Float32Array = new Float32Array(src.length),
): Float32Array {
  for (let y = 0; y < h; y++) {
    const first = Math.max(0, y - k) * w;
    const last = Math.min(h - 1, y + k) * w;
    const rows = (last - first) / w + 1;
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - k);
      const x1 = Math.min(w - 1, x + k);
      let s = 0;
      for (let r = first; r <= last; r += w) for (let p = r + x0; p <= r + x1; p++) s += src[p]!;
      out[y * w + x] = s / (rows * (x1 - x0 + 1));
    }
  }
  return out;
}

/**
 * The value at index `k` of `a` sorted ascending (Hoare's selection; reorders `a`). For values
 * without NaN and −0 — here darkness samples — this is exactly what `a.sort()[k]` gives.
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}
