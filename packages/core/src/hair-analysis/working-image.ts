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
 */
export function toWorkingGray(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  factor: number,
  out?: Float32Array,
): GrayImage {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const data = out ? out.subarray(0, w * h) : new Float32Array(w * h);
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
  }
  return { data, width: w, height: h };
}

/**
 * Keeps the grey image's hidden class alive between analyses (see resultShape in
 * flatten-illumination.ts): otherwise a major GC clears the readers' feedback and deoptimises them.
 */
export const grayShape: GrayImage = { data: new Float32Array(0), width: 1, height: 1 };
