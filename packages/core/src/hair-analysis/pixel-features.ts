import { boxMean, smoothBox3 } from './box-mean';
import { sharedFloat32 } from './row-chunks';
import { SkinGrid, skinBlocks } from './skin-levels';
/**
 * Per-pixel evidence for "this is hair shaft", at working resolution, for the shaft classifier
 * (shaft-classifier.ts). Everything is relative to the skin around the pixel and scaled by the
 * calibration, so one set of weights serves 2–12 µm/px, light and dark skin, and any exposure.
 *
 * Why these: on real trichoscope images the old darkness map could not tell a shaft from skin
 * creases, flakes, bluish follicle halos or burned-in graphics. A shaft is dark in every colour
 * channel (a halo is dark in red only), has two sharp parallel edges (a crease is soft and
 * shallow), and sits on skin whose texture is finer than the shaft is wide.
 */

/** Number of features per pixel; the order is {@link FEATURE_NAMES}. */
export const PIXEL_FEATURES = 12;
/** @public (names the columns of the fitted weights) */
export const FEATURE_NAMES = [
  'darkMean',
  'darkMin',
  'blueShift',
  'darkNear',
  'darkWide',
  'centreSurround',
  'texture',
  'ridgeFine',
  'ridgeCoarse',
  'anisotropy',
  'skinBright',
  'chroma',
] as const;

export interface WorkingRgb {
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  width: number;
  height: number;
}

/**
 * Image-sized Float32 planes kept between calls by their owner (the analysis keeps one pool): a
 * fresh multi-megabyte typed array costs a page fault per 4 KiB on first touch and garbage
 * collection later (see scratch.ts), and the feature stage alone allocated about thirty of them on
 * a 1.9 MP field. A plane handed out keeps whatever an earlier call left in it, so every user writes
 * all of its elements; a plane stays valid until its slot is handed out again. Shared memory, so
 * that a helper thread can work on them (row-chunks.ts).
 */
export class PlanePool {
  private readonly planes: Float32Array[] = [];

  get(slot: number, n: number): Float32Array {
    let plane = this.planes[slot];
    if (!plane || plane.length < n) {
      plane = sharedFloat32(n);
      this.planes[slot] = plane;
    }
    return plane.length === n ? plane : plane.subarray(0, n);
  }
}

/** A fresh plane, or slot `slot` of `pool`. */
const planeOf = (pool: PlanePool | undefined, slot: number, n: number) =>
  pool ? pool.get(slot, n) : new Float32Array(n);

/**
 * Pool slots of {@link toWorkingRgb}'s planes; {@link pixelFeatures} with the same pool uses them
 * as working planes once it has read them, and the pool's slots 3–14 besides (see FULL_SLOTS).
 */
const RGB_SLOTS = [0, 1, 2] as const;

/**
 * Bins `factor`×`factor` blocks of interleaved RGB(A) into three float planes (from `pool` when
 * given: they stay valid until the next call with that pool).
 */
export function toWorkingRgb(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  factor: number,
  pool?: PlanePool,
): WorkingRgb {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const r = planeOf(pool, RGB_SLOTS[0], w * h);
  const g = planeOf(pool, RGB_SLOTS[1], w * h);
  const b = planeOf(pool, RGB_SLOTS[2], w * h);
  if (factor === 1) {
    // Same values as the binning below (a sum of one byte, times 1).
    const done =
      channels === 3 && pixels.byteOffset % 4 === 0 && LITTLE_ENDIAN
        ? rgbFromWords(pixels, w * h, r, g, b)
        : 0;
    for (let p = done, o = done * channels; p < w * h; p++, o += channels) {
      r[p] = pixels[o]!;
      g[p] = pixels[o + 1]!;
      b[p] = pixels[o + 2]!;
    }
    return { r, g, b, width: w, height: h };
  }
  const norm = 1 / (factor * factor);
  // Block sums per output row, the source rows read in memory order (a block at a time jumped a
  // whole source row per block row). The sums are whole numbers, so their order does not matter.
  if (binSums.length < 3 * w) binSums = new Int32Array(3 * w);
  const sums = binSums;
  for (let y = 0; y < h; y++) {
    sums.fill(0, 0, 3 * w);
    for (let dy = 0; dy < factor; dy++)
      binRow(pixels, (y * factor + dy) * width * channels, w, factor, channels, sums);
    for (let x = 0, p = y * w, q = 0; x < w; x++, p++, q += 3) {
      r[p] = sums[q]! * norm;
      g[p] = sums[q + 1]! * norm;
      b[p] = sums[q + 2]! * norm;
    }
  }
  return { r, g, b, width: w, height: h };
}

/** Per-block R, G, B sums of {@link toWorkingRgb}'s binning, interleaved (kept between calls). */
let binSums = new Int32Array(0);

/** Adds the `factor` pixels of each of the `w` blocks of one source row (from byte `o`) to `sums`. */
function binRow(
  pixels: Uint8Array | Uint8ClampedArray,
  o: number,
  w: number,
  factor: number,
  channels: number,
  sums: Int32Array,
): void {
  if (factor === 3 && channels === 3) {
    // The FDU images' case (1280×1024 at 2.77 µm/px), written out; by words where the row is aligned.
    let x = 0;
    if (LITTLE_ENDIAN && (pixels.byteOffset + o) % 4 === 0 && w >= 4) {
      const words = new Int32Array(pixels.buffer, pixels.byteOffset + o, (9 * (w - (w % 4))) >> 2);
      x = binRow3Words(words, 0, w, sums);
    }
    for (let q = 3 * x, o2 = o + 9 * x; x < w; x++, q += 3, o2 += 9) {
      sums[q]! += pixels[o2]! + pixels[o2 + 3]! + pixels[o2 + 6]!;
      sums[q + 1]! += pixels[o2 + 1]! + pixels[o2 + 4]! + pixels[o2 + 7]!;
      sums[q + 2]! += pixels[o2 + 2]! + pixels[o2 + 5]! + pixels[o2 + 8]!;
    }
    return;
  }
  for (let x = 0, q = 0; x < w; x++, q += 3) {
    let sr = 0;
    let sg = 0;
    let sb = 0;
    for (let dx = 0; dx < factor; dx++, o += channels) {
      sr += pixels[o]!;
      sg += pixels[o + 1]!;
      sb += pixels[o + 2]!;
    }
    sums[q]! += sr;
    sums[q + 1]! += sg;
    sums[q + 2]! += sb;
  }
}

/**
 * {@link binRow} for 3×3 blocks of RGB from the 32-bit word `i` on (4-byte aligned): four blocks are
 * nine words, one load instead of four byte loads. Returns how many blocks were added (a multiple
 * of 4); the sums are whole numbers, so the same as byte by byte.
 */
function binRow3Words(words: Int32Array, i: number, w: number, sums: Int32Array): number {
  let x = 0;
  for (let q = 0; x + 4 <= w; x += 4, q += 12, i += 9) {
    const a0 = words[i]!;
    const a1 = words[i + 1]!;
    const a2 = words[i + 2]!;
    const a3 = words[i + 3]!;
    const a4 = words[i + 4]!;
    const a5 = words[i + 5]!;
    const a6 = words[i + 6]!;
    const a7 = words[i + 7]!;
    const a8 = words[i + 8]!;
    // Bytes lowest first: a0 = R0 G0 B0 R1, a1 = G1 B1 R2 G2, a2 = B2 | R3 G3 B3, … (block 0 is
    // pixels 0–2, block 1 pixels 3–5, …).
    sums[q]! += (a0 & 255) + (a0 >>> 24) + ((a1 >>> 16) & 255);
    sums[q + 1]! += ((a0 >>> 8) & 255) + (a1 & 255) + (a1 >>> 24);
    sums[q + 2]! += ((a0 >>> 16) & 255) + ((a1 >>> 8) & 255) + (a2 & 255);
    sums[q + 3]! += ((a2 >>> 8) & 255) + (a3 & 255) + (a3 >>> 24);
    sums[q + 4]! += ((a2 >>> 16) & 255) + ((a3 >>> 8) & 255) + (a4 & 255);
    sums[q + 5]! += (a2 >>> 24) + ((a3 >>> 16) & 255) + ((a4 >>> 8) & 255);
    sums[q + 6]! += ((a4 >>> 16) & 255) + ((a5 >>> 8) & 255) + (a6 & 255);
    sums[q + 7]! += (a4 >>> 24) + ((a5 >>> 16) & 255) + ((a6 >>> 8) & 255);
    sums[q + 8]! += (a5 & 255) + (a5 >>> 24) + ((a6 >>> 16) & 255);
    sums[q + 9]! += (a6 >>> 24) + ((a7 >>> 16) & 255) + ((a8 >>> 8) & 255);
    sums[q + 10]! += (a7 & 255) + (a7 >>> 24) + ((a8 >>> 16) & 255);
    sums[q + 11]! += ((a7 >>> 8) & 255) + (a8 & 255) + (a8 >>> 24);
  }
  return x;
}

/** Whether a 32-bit word holds the first of its four bytes in its lowest bits. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The first pixels of a 4-byte-aligned RGB buffer into three planes, read as 32-bit words (four
 * pixels are three words: one load instead of four byte loads). Returns how many pixels were
 * converted (a multiple of 4).
 */
function rgbFromWords(
  pixels: Uint8Array | Uint8ClampedArray,
  n: number,
  r: Float32Array,
  g: Float32Array,
  b: Float32Array,
): number {
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, (3 * n) >> 2);
  let p = 0;
  for (let i = 0; p + 4 <= n; p += 4, i += 3) {
    // Bytes: a = R0 G0 B0 R1, c = G1 B1 R2 G2, d = B2 R3 G3 B3 (lowest first).
    const a = words[i]!;
    const c = words[i + 1]!;
    const d = words[i + 2]!;
    r[p] = a & 255;
    g[p] = (a >> 8) & 255;
    b[p] = (a >> 16) & 255;
    r[p + 1] = a >>> 24;
    g[p + 1] = c & 255;
    b[p + 1] = (c >> 8) & 255;
    r[p + 2] = (c >> 16) & 255;
    g[p + 2] = c >>> 24;
    b[p + 2] = d & 255;
    r[p + 3] = (d >> 8) & 255;
    g[p + 3] = (d >> 16) & 255;
    b[p + 3] = d >>> 24;
  }
  return p;
}

/** The Hessian's two eigenvalues at one pixel, written by {@link hessianAt} (ascending). */
const eig = new Float64Array(2);

/**
 * Eigenvalues of the Hessian of `s` at the inner pixel `p` into {@link eig}: `eig[0]` is the most
 * negative curvature (across a dark ridge of a darkness map), `eig[1]` the other.
 */
function hessianAt(s: Float32Array, p: number, w: number): void {
  const c = s[p]!;
  const dxx = s[p + 1]! + s[p - 1]! - 2 * c;
  const dyy = s[p + w]! + s[p - w]! - 2 * c;
  const dxy = (s[p + w + 1]! + s[p - w - 1]! - s[p + w - 1]! - s[p - w + 1]!) / 4;
  const tr = dxx + dyy;
  const disc = Math.sqrt((dxx - dyy) * (dxx - dyy) + 4 * dxy * dxy);
  eig[0] = (tr - disc) / 2;
  eig[1] = (tr + disc) / 2;
}

/** Ridge strength from {@link eig}: the curvature across the ridge, times `scale`. */
const ridgeStrength = (scale: number) => -eig[0]! * scale;
/** Anisotropy from {@link eig}: 1 along a line, 0 on a blob. */
const ridgeAnisotropy = () => {
  const a1 = Math.abs(eig[0]!);
  const a2 = Math.abs(eig[1]!);
  return (a1 - a2) / (a1 + a2 + 1e-6);
};

/**
 * Largest eigenvalue of the Hessian of `s` (a dark ridge of a darkness map is a negative curvature
 * across it), times `scale`. The one-pixel frame, where it is not defined, is 0.
 */
function ridge(
  s: Float32Array,
  w: number,
  h: number,
  scale: number,
  outR: Float32Array,
  outA?: Float32Array,
) {
  zeroFrame(outR, w, h);
  if (outA) zeroFrame(outA, w, h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      hessianAt(s, p, w);
      outR[p] = ridgeStrength(scale);
      if (outA) outA[p] = ridgeAnisotropy();
    }
  }
}

function zeroFrame(a: Float32Array, w: number, h: number): void {
  a.fill(0, 0, w);
  a.fill(0, (h - 1) * w, h * w);
  for (let y = 1; y < h - 1; y++) {
    a[y * w] = 0;
    a[y * w + w - 1] = 0;
  }
}

export interface PixelFeatureMaps {
  /** `PIXEL_FEATURES` planes of w×h, feature-major. */
  planes: Float32Array[];
  /** Mean darkness over the three channels, lightly smoothed: 0 on skin, ~1 on a black shaft. */
  darkness: Float32Array;
  /** Darkness of the red channel alone: follicle openings and their bluish halos show here. */
  redDarkness: Float32Array;
  width: number;
  height: number;
}

/** Below this mean darkness a pixel is skin without asking the classifier (most of an image). */
export const CANDIDATE_DARKNESS = 0.035;

/** Pixel radii of the feature stage's filters at `umPerWorkingPx` (see computeFeatures). */
function featureRadii(umPerWorkingPx: number) {
  const px = (um: number) => Math.max(1, Math.round(um / umPerWorkingPx));
  return {
    fine: Math.max(0, px(6) - 1) || 0,
    blue: px(10),
    near: px(20),
    wide: px(60),
    surround: px(150),
    ridgeFine: px(8),
    ridgeCoarse: px(25),
  };
}

/** Skin levels per block of each channel and their per-row interpolation (see skinBlocks). */
interface SkinLevels {
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  grid: SkinGrid;
}

/**
 * The per-pixel pass: skin levels per channel, then each pixel's darkness per channel against them
 * into `dMean`, `dMin`, `blue` (red minus blue) and `red`; `skinBright` and `chroma` too when given.
 * With `inPlace` (no `dMin`, `blue`, `chroma` given), the colour planes themselves take `blue` (r),
 * `dMin` (g) and `chroma` (b): the same Float32 values, two planes fewer.
 */
function darknessPlanes(
  img: WorkingRgb,
  umPerWorkingPx: number,
  out:
    | {
        dMean: Float32Array;
        dMin: Float32Array;
        blue: Float32Array;
        red: Float32Array;
        skinBright?: Float32Array;
        chroma?: Float32Array;
      }
    | { dMean: Float32Array; red: Float32Array; inPlace: true },
): SkinLevels {
  const { width: w, height: h } = img;
  const block = Math.max(1, Math.round(200 / umPerWorkingPx));
  const B = Math.max(4, Math.round(block));
  const bw = Math.max(1, Math.ceil(w / B));
  const bh = Math.max(1, Math.ceil(h / B));
  const levels: SkinLevels = {
    r: skinBlocks(img.r, w, h, B, bw, bh),
    g: skinBlocks(img.g, w, h, B, bw, bh),
    b: skinBlocks(img.b, w, h, B, bw, bh),
    grid: new SkinGrid(w, B, bw, bh),
  };
  const { grid } = levels;
  const skinR = new Float32Array(w);
  const skinG = new Float32Array(w);
  const skinB = new Float32Array(w);
  const { r, g, b } = img;
  if ('inPlace' in out) {
    for (let y = 0; y < h; y++) {
      grid.row(levels.r, y, skinR);
      grid.row(levels.g, y, skinG);
      grid.row(levels.b, y, skinB);
      darknessRowInPlace(r, g, b, skinR, skinG, skinB, y * w, w, out.dMean, out.red);
    }
    return levels;
  }
  const { dMean, dMin, blue, red, skinBright, chroma } = out;
  for (let y = 0; y < h; y++) {
    grid.row(levels.r, y, skinR);
    grid.row(levels.g, y, skinG);
    grid.row(levels.b, y, skinB);
    darknessRow(r, g, b, skinR, skinG, skinB, y * w, w, dMean, dMin, blue, red);
    if (skinBright && chroma)
      for (let x = 0, p = y * w; x < w; x++, p++) {
        skinBright[p] = skinBrightness(skinR[x]!, skinG[x]!, skinB[x]!);
        chroma[p] = chromaOf(r[p]!, g[p]!, b[p]!);
      }
  }
  return levels;
}

/** One row of {@link darknessPlanes} (from pixel `o`, `w` pixels) against its skin levels. */
function darknessRow(
  r: Float32Array,
  g: Float32Array,
  b: Float32Array,
  skinR: Float32Array,
  skinG: Float32Array,
  skinB: Float32Array,
  o: number,
  w: number,
  dMean: Float32Array,
  dMin: Float32Array,
  blue: Float32Array,
  red: Float32Array,
): void {
  for (let x = 0, p = o; x < w; x++, p++) {
    const sr = skinR[x]!;
    const sg = skinG[x]!;
    const sb = skinB[x]!;
    const dr = 1 - r[p]! / Math.max(8, sr);
    const dg = 1 - g[p]! / Math.max(8, sg);
    const db = 1 - b[p]! / Math.max(8, sb);
    // Brighter than skin (flakes, glare, light creases) is not evidence of anything dark: clamped
    // at 0, so the skin beside a white flake does not become a dark ridge by contrast.
    dMean[p] = Math.max(0, (dr + dg + db) / 3);
    dMin[p] = Math.max(0, Math.min(dr, dg, db));
    blue[p] = dr - db;
    red[p] = dr;
  }
}

/**
 * {@link darknessRow} writing `blue` over r, `dMin` over g and the chroma over b (each pixel's
 * colour is read before its own values are written; the same expressions, stored as Float32).
 */
function darknessRowInPlace(
  r: Float32Array,
  g: Float32Array,
  b: Float32Array,
  skinR: Float32Array,
  skinG: Float32Array,
  skinB: Float32Array,
  o: number,
  w: number,
  dMean: Float32Array,
  red: Float32Array,
): void {
  // Math.max and Math.min written as comparisons: the loop spent more on those calls than on its
  // divisions. The same values, as nothing here is NaN or −0 (skin levels are finite block medians,
  // colours are ≥ +0, and 1 − R / s is +0, never −0, where R = s).
  for (let x = 0, p = o; x < w; x++, p++) {
    const R = r[p]!;
    const G = g[p]!;
    const B = b[p]!;
    let sr = skinR[x]!;
    let sg = skinG[x]!;
    let sb = skinB[x]!;
    if (sr < 8) sr = 8;
    if (sg < 8) sg = 8;
    if (sb < 8) sb = 8;
    const dr = 1 - R / sr;
    const dg = 1 - G / sg;
    const db = 1 - B / sb;
    let mean = (dr + dg + db) / 3;
    if (mean < 0) mean = 0;
    dMean[p] = mean;
    red[p] = dr;
    r[p] = dr - db;
    let lowest = dr;
    if (dg < lowest) lowest = dg;
    if (db < lowest) lowest = db;
    if (lowest < 0) lowest = 0;
    g[p] = lowest;
    let hi = R;
    let lo = R;
    if (G > hi) hi = G;
    else if (G < lo) lo = G;
    if (B > hi) hi = B;
    else if (B < lo) lo = B;
    b[p] = (hi - lo) / 255;
  }
}

const skinBrightness = (sr: number, sg: number, sb: number) => (sr + sg + sb) / 765;
const chromaOf = (R: number, G: number, B: number) => (Math.max(R, G, B) - Math.min(R, G, B)) / 255;

/**
 * Pool slots of the full feature planes (slots 0–2 are the colour planes, free after the per-pixel
 * pass, and a plane whose box mean is written over it is reused).
 */
const FULL_SLOTS = {
  darkness: 0,
  near: 1,
  wide: 2,
  dMean: 3,
  dMin: 4,
  blue: 5,
  red: 6,
  skinBright: 7,
  chroma: 8,
  cs: 9,
  dev: 10,
  ridgeFine: 11,
  ridgeCoarse: 12,
  aniso: 13,
  work: 14,
};

/**
 * The feature planes (FEATURE_NAMES order). {@link candidateFeatures} computes the same values at
 * the candidate pixels only; the two must stay in step (pixel-features.test.ts compares them).
 */
function computeFeatures(
  img: WorkingRgb,
  umPerWorkingPx: number,
  pool: PlanePool | undefined,
): { planes: Float32Array[]; red: Float32Array } {
  const slots = FULL_SLOTS;
  const { width: w, height: h } = img;
  const n = w * h;
  const rad = featureRadii(umPerWorkingPx);
  const plane = (slot: number) => planeOf(pool, slot, n);
  const dMean = plane(slots.dMean);
  const dMin = plane(slots.dMin);
  const blue = plane(slots.blue);
  const red = plane(slots.red);
  const skinBright = plane(slots.skinBright);
  const chroma = plane(slots.chroma);
  darknessPlanes(img, umPerWorkingPx, { dMean, dMin, blue, red, skinBright, chroma });
  const planes: Float32Array[] = [];
  const darkness = boxMean(dMean, w, h, rad.fine, plane(slots.darkness));
  planes[0] = darkness;
  planes[10] = skinBright;
  planes[11] = chroma;
  planes[1] = boxMean(dMin, w, h, rad.fine, dMin);
  planes[2] = boxMean(blue, w, h, rad.blue, blue);
  const near = boxMean(dMean, w, h, rad.near, plane(slots.near));
  planes[3] = near;
  planes[4] = boxMean(dMean, w, h, rad.wide, plane(slots.wide));
  // Centre minus surround, written over the surround mean.
  const cs = boxMean(dMean, w, h, rad.surround, plane(slots.cs));
  for (let p = 0; p < n; p++) cs[p] = darkness[p]! - cs[p]!;
  planes[5] = cs;
  // Texture: mean absolute deviation from the near mean (skin creases and flakes are busy).
  const dev = plane(slots.dev);
  for (let p = 0; p < n; p++) dev[p] = Math.abs(dMean[p]! - near[p]!);
  planes[6] = boxMean(dev, w, h, rad.near, dev);
  const work = plane(slots.work);
  // Scale-normalised curvature (σ² × second derivative) so thin and thick shafts respond alike.
  const ridgeFine = plane(slots.ridgeFine);
  ridge(smoothBox3(dMean, w, h, rad.ridgeFine, work), w, h, rad.ridgeFine ** 2, ridgeFine);
  planes[7] = ridgeFine;
  const ridgeCoarse = plane(slots.ridgeCoarse);
  const aniso = plane(slots.aniso);
  ridge(smoothBox3(dMean, w, h, rad.ridgeCoarse, work), w, h, rad.ridgeCoarse ** 2, ridgeCoarse, aniso);
  planes[8] = ridgeCoarse;
  planes[9] = aniso;
  return { planes, red };
}

/**
 * Computes the feature planes of a working RGB image at `umPerWorkingPx` µm per working pixel.
 * With `pool`, the planes come from its slots 0–14 (valid until their next use), and `img`, when it
 * is the pool's own (from toWorkingRgb with this pool), is overwritten once read.
 */
export function pixelFeatures(img: WorkingRgb, umPerWorkingPx: number, pool?: PlanePool): PixelFeatureMaps {
  const { planes, red } = computeFeatures(img, umPerWorkingPx, pool);
  return {
    planes,
    darkness: planes[0]!,
    redDarkness: red,
    width: img.width,
    height: img.height,
  };
}

/** The features of the candidate pixels only (what the classifier reads). */
export interface CandidateFeatures {
  /** Pixel indices whose darkness is at least CANDIDATE_DARKNESS, ascending. */
  candidates: Int32Array;
  /**
   * PIXEL_FEATURES columns of candidates.length values each, in FEATURE_NAMES order: feature k of
   * candidate i at `k · candidates.length + i` (each feature is written in one sequential sweep).
   */
  columns: Float32Array;
  redDarkness: Float32Array;
  /** Four pool planes free once this returns (for the caller's own use). */
  spare: Float32Array[];
  width: number;
  height: number;
}

let candidateBuf = new Int32Array(0);
let columnsBuf = new Float32Array(0);

/**
 * Pool slots of {@link candidateFeatures}. Slots 0–2 are the colour planes, which the per-pixel pass
 * overwrites with blue shift (0), darkness minimum (1) and chroma (2); a plane is reused once its
 * feature is gathered. Five planes at the peak (six when the fine darkness is a box mean of its own).
 */
const CANDIDATE_SLOTS = {
  dMean: 3,
  red: 4,
  darkness: 5,
  near: 0, // blue's, gathered
  wide: 1, // dMin's, gathered
  cs: 1, // wide's, gathered
  dev: 1, // the surround's, read
  work: 2, // chroma's, gathered
};

/**
 * {@link pixelFeatures} at the candidate pixels only (the rest of the image goes to the classifier
 * as "skin" unasked): a feature that needs a neighbourhood (box means, smoothing) is computed as a
 * plane and gathered at the candidates, one that does not (skin brightness, centre minus surround,
 * the ridge filters' Hessian) only at the candidates (chroma comes with the per-pixel pass). The same values as pixelFeatures'
 * planes at those pixels, in 5 of `pool`'s planes instead of 15 (on the bench image 12 % of the
 * pixels are candidates). `candidates` and `columns` are kept between calls, valid until the next
 * one; `img` is overwritten as in pixelFeatures.
 */
export function candidateFeatures(
  img: WorkingRgb,
  umPerWorkingPx: number,
  pool: PlanePool,
): CandidateFeatures {
  const slots = CANDIDATE_SLOTS;
  const { width: w, height: h } = img;
  const n = w * h;
  const rad = featureRadii(umPerWorkingPx);
  const plane = (slot: number) => pool.get(slot, n);
  const dMean = plane(slots.dMean);
  const red = plane(slots.red);
  const skin = darknessPlanes(img, umPerWorkingPx, { dMean, red, inPlace: true });
  const { r: blue, g: dMin, b: chroma } = img;
  // A box mean of radius 0 is a copy: the darkness is then read from dMean itself.
  const darkness = rad.fine > 0 ? boxMean(dMean, w, h, rad.fine, plane(slots.darkness)) : dMean;
  let count = 0;
  for (let p = 0; p < n; p++) if (darkness[p]! >= CANDIDATE_DARKNESS) count++;
  if (candidateBuf.length < count) candidateBuf = new Int32Array(count);
  if (columnsBuf.length < count * PIXEL_FEATURES) columnsBuf = new Float32Array(count * PIXEL_FEATURES);
  const cand = candidateBuf.subarray(0, count);
  const columns = columnsBuf.subarray(0, count * PIXEL_FEATURES);
  for (let p = 0, i = 0; p < n; p++) if (darkness[p]! >= CANDIDATE_DARKNESS) cand[i++] = p;
  const column = (k: number) => columns.subarray(k * count, (k + 1) * count);
  const gather = (k: number, from: Float32Array) => {
    const c = column(k);
    for (let i = 0; i < count; i++) c[i] = from[cand[i]!]!;
  };
  gather(0, darkness);
  // Columns 11 and 9 (chroma, gathered next, and the anisotropy, written last) lend their room.
  candidateSkinBrightness(skin, cand, w, column(10), column(11), column(9));
  gather(11, chroma);
  gather(1, boxMean(dMin, w, h, rad.fine, dMin));
  gather(2, boxMean(blue, w, h, rad.blue, blue));
  const near = boxMean(dMean, w, h, rad.near, plane(slots.near));
  gather(3, near);
  gather(4, boxMean(dMean, w, h, rad.wide, plane(slots.wide)));
  // Centre minus surround: the darkness (column 0) less the surround mean.
  const surround = boxMean(dMean, w, h, rad.surround, plane(slots.cs));
  const dark0 = column(0);
  const cs = column(5);
  for (let i = 0; i < count; i++) cs[i] = dark0[i]! - surround[cand[i]!]!;
  const dev = plane(slots.dev);
  for (let p = 0; p < n; p++) dev[p] = Math.abs(dMean[p]! - near[p]!);
  gather(6, boxMean(dev, w, h, rad.near, dev));
  const work = plane(slots.work);
  candidateRidge(smoothBox3(dMean, w, h, rad.ridgeFine, work), w, h, cand, rad.ridgeFine ** 2, column(7));
  // Where the coarse ridge's smoothing radius is the near mean's (about 8 µm per pixel), its first
  // box pass is that mean, already computed.
  const coarse =
    rad.ridgeCoarse === rad.near
      ? boxMean(boxMean(near, w, h, rad.near, work), w, h, rad.near, work)
      : smoothBox3(dMean, w, h, rad.ridgeCoarse, work);
  candidateRidge(coarse, w, h, cand, rad.ridgeCoarse ** 2, column(8), column(9));
  return {
    candidates: cand,
    columns,
    redDarkness: red,
    spare: [dMean, pool.get(0, n), pool.get(1, n), pool.get(2, n)],
    width: w,
    height: h,
  };
}

/**
 * Skin brightness at the candidate pixels (as darknessPlanes writes it per pixel) into `out`;
 * `green` and `blue` (one value per candidate each) are overwritten.
 */
function candidateSkinBrightness(
  skin: SkinLevels,
  cand: Int32Array,
  w: number,
  out: Float32Array,
  green: Float32Array,
  blue: Float32Array,
): void {
  // The three skin levels as Float32, as darknessPlanes' rows hold them (red in `out` until read).
  const { grid } = skin;
  grid.atPixels(skin.r, cand, w, out);
  grid.atPixels(skin.g, cand, w, green);
  grid.atPixels(skin.b, cand, w, blue);
  for (let i = 0; i < cand.length; i++) out[i] = skinBrightness(out[i]!, green[i]!, blue[i]!);
}

/** {@link ridge} at the candidate pixels only, into `outR` (and `outA`) by candidate. */
function candidateRidge(
  s: Float32Array,
  w: number,
  h: number,
  cand: Int32Array,
  scale: number,
  outR: Float32Array,
  outA?: Float32Array,
): void {
  for (let i = 0; i < cand.length; i++) {
    const p = cand[i]!;
    const y = Math.floor(p / w);
    const x = p - y * w;
    if (x === 0 || y === 0 || x === w - 1 || y === h - 1) {
      outR[i] = 0;
      if (outA) outA[i] = 0;
      continue;
    }
    hessianAt(s, p, w);
    outR[i] = ridgeStrength(scale);
    if (outA) outA[i] = ridgeAnisotropy();
  }
}
