import { selectKth } from './flatten-illumination';
import { sharedFloat32 } from './row-chunks';
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
    for (let p = 0, o = 0; p < w * h; p++, o += channels) {
      r[p] = pixels[o]!;
      g[p] = pixels[o + 1]!;
      b[p] = pixels[o + 2]!;
    }
    return { r, g, b, width: w, height: h };
  }
  const norm = 1 / (factor * factor);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sr = 0;
      let sg = 0;
      let sb = 0;
      for (let dy = 0; dy < factor; dy++) {
        let o = ((y * factor + dy) * width + x * factor) * channels;
        for (let dx = 0; dx < factor; dx++, o += channels) {
          sr += pixels[o]!;
          sg += pixels[o + 1]!;
          sb += pixels[o + 2]!;
        }
      }
      const p = y * w + x;
      r[p] = sr * norm;
      g[p] = sg * norm;
      b[p] = sb * norm;
    }
  }
  return { r, g, b, width: w, height: h };
}

/** Row-pass buffer of {@link boxMean}, kept between calls (a few hundred KiB). */
let ring = new Float32Array(0);

/**
 * Box mean of radius `rad` (a (2·rad+1)² window clipped at the borders): running sums along rows,
 * then along columns, so the cost does not grow with the radius. The row pass is kept only for the
 * 2·rad+2 rows the column window spans (a ring of rows, so no image-sized intermediate and it stays
 * in cache); `out` may be `src` itself, as each source row has been read before its output row is
 * written.
 */
export function boxMean(
  src: Float32Array,
  w: number,
  h: number,
  rad: number,
  out?: Float32Array,
): Float32Array {
  const dst = out ?? new Float32Array(w * h);
  if (rad <= 0) {
    if (dst !== src) dst.set(src.subarray(0, w * h));
    return dst;
  }
  const invX = new Float64Array(w);
  for (let x = 0; x < w; x++) invX[x] = 1 / (Math.min(w - 1, x + rad) - Math.max(0, x - rad) + 1);
  // Rows y−rad−1 … y+rad are in use while output row y is written, and the row pass runs two rows
  // at a time (their running sums are independent chains the processor overlaps), so the ring has
  // one row more than the window needs.
  const R = 2 * rad + 3;
  if (ring.length < R * w) ring = new Float32Array(R * w);
  const tmp = ring;
  let passed = 0;
  // Rows `passed` … y of the row pass into ring rows (row mod R), Float32 as a full intermediate
  // image was; in pairs where two rows are due.
  const rowPassTo = (y: number) => {
    while (passed <= y) {
      if (passed + 1 < h && passed + 1 <= y + 1) {
        rowPair(passed);
        passed += 2;
      } else {
        rowPass(passed);
        passed++;
      }
    }
  };
  const rowPass = (y: number) => {
    const o = y * w;
    const t = (y % R) * w;
    let sum = 0;
    for (let x = 0; x < Math.min(w, rad); x++) sum += src[o + x]!;
    // Three runs: the window grows, slides, shrinks (no bounds tests in the inner loops).
    const grow = Math.min(w, rad + 1);
    for (let x = 0; x < grow; x++) {
      if (x + rad < w) sum += src[o + x + rad]!;
      tmp[t + x] = sum * invX[x]!;
    }
    const slideEnd = w - rad;
    for (let x = grow; x < slideEnd; x++) {
      sum += src[o + x + rad]! - src[o + x - rad - 1]!;
      tmp[t + x] = sum * invX[x]!;
    }
    for (let x = Math.max(grow, slideEnd); x < w; x++) {
      sum -= src[o + x - rad - 1]!;
      tmp[t + x] = sum * invX[x]!;
    }
  };
  /** {@link rowPass} of rows y and y + 1 in one sweep. */
  const rowPair = (y: number) => {
    const o = y * w;
    const q = o + w;
    const t = (y % R) * w;
    const u = ((y + 1) % R) * w;
    let s0 = 0;
    let s1 = 0;
    for (let x = 0; x < Math.min(w, rad); x++) {
      s0 += src[o + x]!;
      s1 += src[q + x]!;
    }
    const grow = Math.min(w, rad + 1);
    for (let x = 0; x < grow; x++) {
      if (x + rad < w) {
        s0 += src[o + x + rad]!;
        s1 += src[q + x + rad]!;
      }
      tmp[t + x] = s0 * invX[x]!;
      tmp[u + x] = s1 * invX[x]!;
    }
    const slideEnd = w - rad;
    for (let x = grow; x < slideEnd; x++) {
      s0 += src[o + x + rad]! - src[o + x - rad - 1]!;
      s1 += src[q + x + rad]! - src[q + x - rad - 1]!;
      tmp[t + x] = s0 * invX[x]!;
      tmp[u + x] = s1 * invX[x]!;
    }
    for (let x = Math.max(grow, slideEnd); x < w; x++) {
      s0 -= src[o + x - rad - 1]!;
      s1 -= src[q + x - rad - 1]!;
      tmp[t + x] = s0 * invX[x]!;
      tmp[u + x] = s1 * invX[x]!;
    }
  };
  const col = new Float64Array(w);
  for (let y = 0; y < Math.min(h, rad); y++) {
    rowPassTo(y);
    const t = (y % R) * w;
    for (let x = 0; x < w; x++) col[x]! += tmp[t + x]!;
  }
  // One sweep per output row: the row entering the window is added, then the one leaving it
  // subtracted, then the column sum divided (per column, the same operations in the same order as
  // three separate sweeps).
  for (let y = 0; y < h; y++) {
    const n = Math.min(h - 1, y + rad) - Math.max(0, y - rad) + 1;
    const o = y * w;
    const enters = y + rad < h;
    const leaves = y - rad - 1 >= 0;
    if (enters) rowPassTo(y + rad);
    const add = ((y + rad) % R) * w;
    const sub = ((y - rad - 1 + 2 * R) % R) * w;
    if (enters && leaves) {
      for (let x = 0; x < w; x++) {
        const c = col[x]! + tmp[add + x]! - tmp[sub + x]!;
        col[x] = c;
        dst[o + x] = c / n;
      }
    } else if (enters) {
      for (let x = 0; x < w; x++) {
        const c = col[x]! + tmp[add + x]!;
        col[x] = c;
        dst[o + x] = c / n;
      }
    } else if (leaves) {
      for (let x = 0; x < w; x++) {
        const c = col[x]! - tmp[sub + x]!;
        col[x] = c;
        dst[o + x] = c / n;
      }
    } else {
      for (let x = 0; x < w; x++) dst[o + x] = col[x]! / n;
    }
  }
  return dst;
}

/** Three box passes of `src` into `out` (close to a Gaussian; good enough for a ridge filter). */
function smoothBox3(src: Float32Array, w: number, h: number, rad: number, out: Float32Array): Float32Array {
  if (rad < 1) {
    out.set(src);
    return out;
  }
  boxMean(src, w, h, rad, out);
  boxMean(out, w, h, rad, out);
  return boxMean(out, w, h, rad, out);
}

/**
 * Skin level of one channel per block of ~`blockPx`: the median of the block (skin is most of a
 * block; white flakes, glare and dark shafts are outliers either way — a mean, even of the upper
 * half, was pulled up by flakes until the skin around them read as hair), then the brighter of
 * that and its neighbours' median where a thick shaft fills the block. {@link SkinGrid} interpolates
 * it per pixel.
 */
function skinBlocks(
  src: Float32Array,
  w: number,
  h: number,
  B: number,
  bw: number,
  bh: number,
): Float32Array {
  const level = new Float32Array(bw * bh);
  const values = new Float64Array(Math.ceil(B / 2) ** 2);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      // Every other row and column: a quarter of the pixels gives the median as well, at a quarter
      // of the sorting. (The element a sort would put in the middle; Float32 values are exact here.)
      let n = 0;
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y += 2)
        for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x += 2) values[n++] = src[y * w + x]!;
      level[by * bw + bx] = n ? selectKth(values.subarray(0, n), n >> 1) : 0;
    }
  }
  // A block mostly covered by hair reads dark: take the median of its 3×3 neighbourhood when that
  // is clearly brighter.
  const fixed = new Float32Array(bw * bh);
  const nb: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      nb.length = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh) nb.push(level[y * bw + x]!);
        }
      nb.sort((a, c) => a - c);
      const med = nb[nb.length >> 1]!;
      const own = level[by * bw + bx]!;
      fixed[by * bw + bx] = own < 0.85 * med ? med : own;
    }
  }
  return fixed;
}

/** Bilinear interpolation between block centres, one row at a time (weights per column computed once). */
class SkinGrid {
  private readonly x0: Int32Array;
  private readonly x1: Int32Array;
  private readonly tx: Float64Array;

  constructor(
    w: number,
    private readonly B: number,
    private readonly bw: number,
    private readonly bh: number,
  ) {
    this.x0 = new Int32Array(w);
    this.x1 = new Int32Array(w);
    this.tx = new Float64Array(w);
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5));
      const x0 = Math.floor(fx);
      this.x0[x] = x0;
      this.x1[x] = Math.min(bw - 1, x0 + 1);
      this.tx[x] = fx - x0;
    }
  }

  /** Row `y` of the interpolated level of `fixed` into `out` (Float32, as a full plane was). */
  row(fixed: Float32Array, y: number, out: Float32Array): void {
    const { bw, bh, x0: X0, x1: X1, tx: TX } = this;
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / this.B - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    const r0 = y0 * bw;
    const r1 = y1 * bw;
    for (let x = 0; x < out.length; x++) {
      const x0 = X0[x]!;
      const x1 = X1[x]!;
      const tx = TX[x]!;
      const top = fixed[r0 + x0]! + (fixed[r0 + x1]! - fixed[r0 + x0]!) * tx;
      const bot = fixed[r1 + x0]! + (fixed[r1 + x1]! - fixed[r1 + x0]!) * tx;
      out[x] = top + (bot - top) * ty;
    }
  }
}

/**
 * Largest eigenvalue of the Hessian of `s` (a dark ridge of a darkness map is a negative curvature
 * across it). The one-pixel frame, where it is not defined, is 0.
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
      const c = s[p]!;
      const dxx = s[p + 1]! + s[p - 1]! - 2 * c;
      const dyy = s[p + w]! + s[p - w]! - 2 * c;
      const dxy = (s[p + w + 1]! + s[p - w - 1]! - s[p + w - 1]! - s[p - w + 1]!) / 4;
      const tr = dxx + dyy;
      const disc = Math.sqrt((dxx - dyy) * (dxx - dyy) + 4 * dxy * dxy);
      const l1 = (tr - disc) / 2; // most negative: across a bright ridge of darkness
      const l2 = (tr + disc) / 2;
      outR[p] = -l1 * scale;
      if (outA) outA[p] = (Math.abs(l1) - Math.abs(l2)) / (Math.abs(l1) + Math.abs(l2) + 1e-6);
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

/**
 * Pool slots of each plane of the feature stage. Full: all twelve features stay (slots 0–14).
 * Candidates: each feature is gathered for the candidate pixels once final, and its slot serves a
 * later plane (slots 0–8). Slots 0–2 are the colour planes, free after the per-pixel pass.
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
const CANDIDATE_SLOTS: typeof FULL_SLOTS = {
  ...FULL_SLOTS,
  cs: 7, // skinBright's, gathered right after the darkness
  dev: 8, // chroma's, likewise
  work: 4, // dMin's, gathered once smoothed
  ridgeFine: 5, // blue's, likewise
  ridgeCoarse: 7, // the centre-surround's, gathered
  aniso: 8, // the texture's, gathered
};

/**
 * The feature computation, shared by both forms of the result. `done(k, plane)` is called once
 * feature k (FEATURE_NAMES order) is final; in the candidate form the plane's slot is reused after.
 * The darkness (feature 0) comes first.
 */
function computeFeatures(
  img: WorkingRgb,
  umPerWorkingPx: number,
  pool: PlanePool | undefined,
  slots: typeof FULL_SLOTS,
  done: (k: number, plane: Float32Array) => void,
): { red: Float32Array; dMean: Float32Array } {
  const { width: w, height: h } = img;
  const n = w * h;
  const px = (um: number) => Math.max(1, Math.round(um / umPerWorkingPx));
  const plane = (slot: number) => planeOf(pool, slot, n);
  // Working planes are reused as soon as their content has been read for the last time: the colour
  // planes after the per-pixel pass, and a plane whose box mean is written over it.
  const dMean = plane(slots.dMean);
  const dMin = plane(slots.dMin);
  const blue = plane(slots.blue);
  const red = plane(slots.red);
  const skinBright = plane(slots.skinBright);
  const chroma = plane(slots.chroma);
  const block = px(200);
  const B = Math.max(4, Math.round(block));
  const bw = Math.max(1, Math.ceil(w / B));
  const bh = Math.max(1, Math.ceil(h / B));
  const blocksR = skinBlocks(img.r, w, h, B, bw, bh);
  const blocksG = skinBlocks(img.g, w, h, B, bw, bh);
  const blocksB = skinBlocks(img.b, w, h, B, bw, bh);
  const grid = new SkinGrid(w, B, bw, bh);
  const skinR = new Float32Array(w);
  const skinG = new Float32Array(w);
  const skinB = new Float32Array(w);
  const { r, g, b } = img;
  for (let y = 0; y < h; y++) {
    grid.row(blocksR, y, skinR);
    grid.row(blocksG, y, skinG);
    grid.row(blocksB, y, skinB);
    for (let x = 0, p = y * w; x < w; x++, p++) {
      const sr = skinR[x]!;
      const sg = skinG[x]!;
      const sb = skinB[x]!;
      const R = r[p]!;
      const G = g[p]!;
      const Bl = b[p]!;
      const dr = 1 - R / Math.max(8, sr);
      const dg = 1 - G / Math.max(8, sg);
      const db = 1 - Bl / Math.max(8, sb);
      // Brighter than skin (flakes, glare, light creases) is not evidence of anything dark: clamped
      // at 0, so the skin beside a white flake does not become a dark ridge by contrast.
      dMean[p] = Math.max(0, (dr + dg + db) / 3);
      dMin[p] = Math.max(0, Math.min(dr, dg, db));
      blue[p] = dr - db;
      red[p] = dr;
      skinBright[p] = (sr + sg + sb) / 765;
      const mx = Math.max(R, G, Bl);
      const mn = Math.min(R, G, Bl);
      chroma[p] = (mx - mn) / 255;
    }
  }
  const fine = px(6);
  const darkness = boxMean(dMean, w, h, Math.max(0, fine - 1) || 0, plane(slots.darkness));
  done(0, darkness);
  done(10, skinBright);
  done(11, chroma);
  done(1, boxMean(dMin, w, h, Math.max(0, fine - 1) || 0, dMin));
  done(2, boxMean(blue, w, h, px(10), blue));
  const near = boxMean(dMean, w, h, px(20), plane(slots.near));
  done(3, near);
  done(4, boxMean(dMean, w, h, px(60), plane(slots.wide)));
  // Centre minus surround, written over the surround mean.
  const cs = boxMean(dMean, w, h, px(150), plane(slots.cs));
  for (let p = 0; p < n; p++) cs[p] = darkness[p]! - cs[p]!;
  done(5, cs);
  // Texture: mean absolute deviation from the near mean (skin creases and flakes are busy).
  const dev = plane(slots.dev);
  for (let p = 0; p < n; p++) dev[p] = Math.abs(dMean[p]! - near[p]!);
  done(6, boxMean(dev, w, h, px(20), dev));
  const work = plane(slots.work);
  // Scale-normalised curvature (σ² × second derivative) so thin and thick shafts respond alike.
  const ridgeFine = plane(slots.ridgeFine);
  ridge(smoothBox3(dMean, w, h, px(8), work), w, h, px(8) ** 2, ridgeFine);
  done(7, ridgeFine);
  const ridgeCoarse = plane(slots.ridgeCoarse);
  const aniso = plane(slots.aniso);
  ridge(smoothBox3(dMean, w, h, px(25), work), w, h, px(25) ** 2, ridgeCoarse, aniso);
  done(8, ridgeCoarse);
  done(9, aniso);
  return { red, dMean };
}

/**
 * Computes the feature planes of a working RGB image at `umPerWorkingPx` µm per working pixel.
 * With `pool`, the planes come from its slots 0–14 (valid until their next use), and `img`, when it
 * is the pool's own (from toWorkingRgb with this pool), is overwritten once read.
 */
export function pixelFeatures(img: WorkingRgb, umPerWorkingPx: number, pool?: PlanePool): PixelFeatureMaps {
  const planes: Float32Array[] = [];
  const { red } = computeFeatures(img, umPerWorkingPx, pool, FULL_SLOTS, (k, plane) => {
    planes[k] = plane;
  });
  return {
    planes,
    darkness: planes[0]!,
    redDarkness: red,
    width: img.width,
    height: img.height,
  };
}

/** The features of the candidate pixels only, row by row (what the classifier reads). */
export interface CandidateFeatures {
  /** Pixel indices whose darkness is at least CANDIDATE_DARKNESS, ascending. */
  candidates: Int32Array;
  /** PIXEL_FEATURES values per candidate, in FEATURE_NAMES order. */
  rows: Float32Array;
  redDarkness: Float32Array;
  /** Four pool planes free once this returns (for the caller's own use). */
  spare: Float32Array[];
  width: number;
  height: number;
}

let candidateBuf = new Int32Array(0);
let rowsBuf = new Float32Array(0);

/**
 * {@link pixelFeatures} keeping the features of the candidate pixels only (the rest of the image
 * goes to the classifier as "skin" unasked): each plane is gathered once final and its slot reused,
 * so the stage needs 9 of `pool`'s planes instead of 15 (on the bench image 12 % of the pixels are
 * candidates). The same values as pixelFeatures' planes at those pixels. `candidates` and `rows`
 * are kept between calls, valid until the next one; `img` is overwritten as in pixelFeatures.
 */
export function candidateFeatures(
  img: WorkingRgb,
  umPerWorkingPx: number,
  pool: PlanePool,
): CandidateFeatures {
  let cand = candidateBuf;
  let rows = rowsBuf;
  let count = 0;
  const F = PIXEL_FEATURES;
  const { red, dMean } = computeFeatures(img, umPerWorkingPx, pool, CANDIDATE_SLOTS, (k, plane) => {
    if (k === 0) {
      for (let p = 0; p < plane.length; p++) if (plane[p]! >= CANDIDATE_DARKNESS) count++;
      if (candidateBuf.length < count) candidateBuf = new Int32Array(count);
      if (rowsBuf.length < count * F) rowsBuf = new Float32Array(count * F);
      cand = candidateBuf.subarray(0, count);
      rows = rowsBuf.subarray(0, count * F);
      for (let p = 0, i = 0; p < plane.length; p++) if (plane[p]! >= CANDIDATE_DARKNESS) cand[i++] = p;
    }
    for (let i = 0, o = k; i < count; i++, o += F) rows[o] = plane[cand[i]!]!;
  });
  const n = img.width * img.height;
  return {
    candidates: cand,
    rows,
    redDarkness: red,
    spare: [dMean, pool.get(0, n), pool.get(1, n), pool.get(2, n)],
    width: img.width,
    height: img.height,
  };
}
