import { BLOCK_SHIFT } from './flatten-illumination';

/** A single-channel float image in working resolution. */
export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Working images are kept at or below this many pixels, which bounds memory (~30 bytes per pixel). */
export const MAX_WORKING_PIXELS = 6_000_000;

/**
 * Working-resolution factor: fine calibrations (< 5.5 µm/px) are binned 2×2, because the thinnest
 * vellus shaft (10 µm) is still ≥ 1 working pixel and binning quarters the work; very large images
 * are binned further so the working image stays under {@link MAX_WORKING_PIXELS}.
 */
export function workingFactor(umPerPx: number, width = 0, height = 0): number {
  const byCalibration = umPerPx < 5.5 ? 2 : 1;
  const bySize = Math.ceil(Math.sqrt((width * height) / MAX_WORKING_PIXELS));
  return Math.max(byCalibration, bySize);
}

/**
 * Converts interleaved RGB(A) to a grey level weighted towards red ((2R+G+B)/4): skin reflects red
 * strongly while melanin absorbs it, so red carries the most hair/skin contrast for most skin types.
 * Bins `factor`×`factor` blocks (partial blocks at the right/bottom edge are dropped).
 * `out` (at least w×h long) lets a caller reuse a buffer; every pixel is written.
 * `evenRowSums` (zeroed, {@link blockCount} long) receives the first pass of the illumination
 * flattening while each grey value is at hand: per background block, the sum of its pixels on even
 * rows (as stored, i.e. rounded to float32), added row by row and left to right as that pass does.
 */
export function toWorkingGray(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  factor: number,
  out?: Float32Array,
  evenRowSums?: Float64Array,
): GrayImage {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const data = out ? out.subarray(0, w * h) : new Float32Array(w * h);
  const block = 1 << BLOCK_SHIFT;
  const bw = Math.max(1, (w + block - 1) >> BLOCK_SHIFT);
  if (factor === 1 && evenRowSums) {
    for (let y = 0, p = 0, o = 0; y < h; y++) {
      if (y & 1) {
        for (const end = p + w; p < end; p++, o += channels) {
          data[p] = (2 * pixels[o]! + pixels[o + 1]! + pixels[o + 2]!) * 0.25;
        }
        continue;
      }
      for (let b = (y >> BLOCK_SHIFT) * bw, x = 0; x < w; b++) {
        let s = evenRowSums[b]!;
        for (const end = Math.min(w, x + block); x < end; x++, p++, o += channels) {
          const v = Math.fround((2 * pixels[o]! + pixels[o + 1]! + pixels[o + 2]!) * 0.25);
          data[p] = v;
          s += v;
        }
        evenRowSums[b] = s;
      }
    }
    return { data, width: w, height: h };
  }
  if (factor === 1) {
    for (let p = 0, o = 0; p < w * h; p++, o += channels) {
      data[p] = (2 * pixels[o]! + pixels[o + 1]! + pixels[o + 2]!) * 0.25;
    }
    return { data, width: w, height: h };
  }
  const norm = 0.25 / (factor * factor);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++) {
        let o = ((y * factor + dy) * width + x * factor) * channels;
        for (let dx = 0; dx < factor; dx++, o += channels)
          s += 2 * pixels[o]! + pixels[o + 1]! + pixels[o + 2]!;
      }
      data[y * w + x] = s * norm;
    }
    if (evenRowSums && !(y & 1)) {
      for (let b = (y >> BLOCK_SHIFT) * bw, x = 0, p = y * w; x < w; b++) {
        let s = evenRowSums[b]!;
        for (const end = Math.min(w, x + block); x < end; x++, p++) s += data[p]!;
        evenRowSums[b] = s;
      }
    }
  }
  return { data, width: w, height: h };
}
