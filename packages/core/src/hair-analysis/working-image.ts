/** A single-channel float image in working resolution. */
export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Working images are kept at or below this many pixels, which bounds memory (~30 bytes per pixel). */
const MAX_WORKING_PIXELS = 6_000_000;

/** The working resolution images are binned towards, µm per pixel. */
const WORKING_UM_PER_PX = 8;

/**
 * Working-resolution factor: images are binned to about 8 µm per working pixel (a 70× trichoscope at
 * 2.8 µm/px by 3×3, a 20× dermoscope not at all), so that one set of stages sees shafts of the same
 * width in pixels whatever the device: a clipped terminal shaft 25–35 px wide at 70× is ~10 px, and
 * the thinnest vellus shaft (10 µm) still darkens its working pixel. Very large images are binned
 * further so the working image stays under {@link MAX_WORKING_PIXELS}.
 */
export function workingFactor(umPerPx: number, width = 0, height = 0): number {
  const byCalibration = Math.max(1, Math.round(WORKING_UM_PER_PX / umPerPx));
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
    const n = w * h;
    let done = 0;
    if (LITTLE_ENDIAN && pixels.byteOffset % 4 === 0) {
      done = channels === 3 ? grayFromRgbWords(pixels, n, data) : grayFromRgbaWords(pixels, n, data);
    }
    for (let p = done, o = done * channels; p < n; p++, o += channels) {
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
 * The grey image {@link toWorkingGray} gives, from planes binned by `factor` > 1 (toWorkingRgb's
 * planes hold each block's channel sum divided by factor², rounded to Float32): the sums are whole
 * numbers far below 2²⁴, so rounding a plane value times factor² gives the sum back exactly, and
 * the grey level is then computed from the same integer as from the pixels. Reads the small binned
 * planes instead of the full-size image a second time.
 */
export function grayFromBinned(
  rgb: { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number },
  factor: number,
  out: Float32Array,
): GrayImage {
  const { width: w, height: h } = rgb;
  const data = out.subarray(0, w * h);
  grayFromSums(rgb.r, rgb.g, rgb.b, factor * factor, data);
  return { data, width: w, height: h };
}

/**
 * The loop of {@link grayFromBinned}, a function of its own: called once per analysis, the loop is
 * compiled on the fly while it runs, and that code was thrown away at the object built after it on
 * every call (the loop then ran several times slower).
 */
function grayFromSums(r: Float32Array, g: Float32Array, b: Float32Array, area: number, data: Float32Array) {
  const norm = 0.25 / area;
  // Each product lies within 10⁻³ of a whole number ≥ 0, so adding ½ and truncating rounds it.
  for (let p = 0; p < data.length; p++) {
    const s = 2 * ((r[p]! * area + 0.5) | 0) + ((g[p]! * area + 0.5) | 0) + ((b[p]! * area + 0.5) | 0);
    data[p] = s * norm;
  }
}

/** Whether a 32-bit word holds the first of its four bytes in its lowest bits. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Grey levels of the first pixels of a 4-byte-aligned RGB buffer (little-endian), read as 32-bit
 * words: four pixels are three words, so one load replaces four byte loads (the conversion took
 * about half as long). Returns how many pixels were converted (a multiple of 4).
 */
function grayFromRgbWords(pixels: Uint8Array | Uint8ClampedArray, n: number, data: Float32Array): number {
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, (3 * n) >> 2);
  let p = 0;
  for (let i = 0; p + 4 <= n; p += 4, i += 3) {
    // Bytes: a = R0 G0 B0 R1, b = G1 B1 R2 G2, c = B2 R3 G3 B3 (lowest first).
    const a = words[i]!;
    const b = words[i + 1]!;
    const c = words[i + 2]!;
    data[p] = (2 * (a & 255) + ((a >> 8) & 255) + ((a >> 16) & 255)) * 0.25;
    data[p + 1] = (2 * (a >>> 24) + (b & 255) + ((b >> 8) & 255)) * 0.25;
    data[p + 2] = (2 * ((b >> 16) & 255) + (b >>> 24) + (c & 255)) * 0.25;
    data[p + 3] = (2 * ((c >> 8) & 255) + ((c >> 16) & 255) + (c >>> 24)) * 0.25;
  }
  return p;
}

/** As {@link grayFromRgbWords} for RGBA: one word per pixel. Converts all `n` pixels. */
function grayFromRgbaWords(pixels: Uint8Array | Uint8ClampedArray, n: number, data: Float32Array): number {
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, n);
  for (let p = 0; p < n; p++) {
    const v = words[p]!;
    data[p] = (2 * (v & 255) + ((v >> 8) & 255) + ((v >> 16) & 255)) * 0.25;
  }
  return n;
}

/**
 * Keeps the grey image's hidden class alive between analyses (see resultShape in
 * flatten-illumination.ts): otherwise a major GC clears the readers' feedback and deoptimises them.
 *
 * @public (kept exported on purpose, see above)
 */
export const grayShape: GrayImage = { data: new Float32Array(0), width: 1, height: 1 };
