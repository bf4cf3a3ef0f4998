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

/** Bins `factor`×`factor` blocks of interleaved RGB(A) into three float planes. */
export function toWorkingRgb(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  factor: number,
): WorkingRgb {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const r = new Float32Array(w * h);
  const g = new Float32Array(w * h);
  const b = new Float32Array(w * h);
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

/**
 * Box mean of radius `rad` (a (2·rad+1)² window clipped at the borders): running sums along rows,
 * then along columns, so the cost does not grow with the radius and no image-sized integral is kept.
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
    dst.set(src.subarray(0, w * h));
    return dst;
  }
  const tmp = new Float32Array(w * h);
  const invX = new Float64Array(w);
  for (let x = 0; x < w; x++) invX[x] = 1 / (Math.min(w - 1, x + rad) - Math.max(0, x - rad) + 1);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    for (let x = 0; x < Math.min(w, rad); x++) sum += src[o + x]!;
    // Three runs: the window grows, slides, shrinks (no bounds tests in the inner loops).
    const grow = Math.min(w, rad + 1);
    for (let x = 0; x < grow; x++) {
      if (x + rad < w) sum += src[o + x + rad]!;
      tmp[o + x] = sum * invX[x]!;
    }
    const slideEnd = w - rad;
    for (let x = grow; x < slideEnd; x++) {
      sum += src[o + x + rad]! - src[o + x - rad - 1]!;
      tmp[o + x] = sum * invX[x]!;
    }
    for (let x = Math.max(grow, slideEnd); x < w; x++) {
      sum -= src[o + x - rad - 1]!;
      tmp[o + x] = sum * invX[x]!;
    }
  }
  const col = new Float64Array(w);
  for (let y = 0; y < Math.min(h, rad); y++) for (let x = 0; x < w; x++) col[x]! += tmp[y * w + x]!;
  for (let y = 0; y < h; y++) {
    if (y + rad < h) {
      const o = (y + rad) * w;
      for (let x = 0; x < w; x++) col[x]! += tmp[o + x]!;
    }
    if (y - rad - 1 >= 0) {
      const o = (y - rad - 1) * w;
      for (let x = 0; x < w; x++) col[x]! -= tmp[o + x]!;
    }
    const n = Math.min(h - 1, y + rad) - Math.max(0, y - rad) + 1;
    const o = y * w;
    for (let x = 0; x < w; x++) dst[o + x] = col[x]! / n;
  }
  return dst;
}

/** Three box passes: close to a Gaussian of sigma ≈ rad·√(2/3)·… (good enough for a ridge filter). */
function smoothBox3(src: Float32Array, w: number, h: number, rad: number): Float32Array {
  if (rad < 1) return src.slice();
  return boxMean(boxMean(boxMean(src, w, h, rad), w, h, rad), w, h, rad);
}

/**
 * Skin level per pixel for one channel: the median of each block of ~`blockPx` (skin is most of a
 * block; white flakes, glare and dark shafts are outliers either way — a mean, even of the upper
 * half, was pulled up by flakes until the skin around them read as hair), then the brighter of
 * that and its neighbours' median where a thick shaft fills the block; bilinear between block centres.
 */
function skinLevel(src: Float32Array, w: number, h: number, blockPx: number): Float32Array {
  const B = Math.max(4, Math.round(blockPx));
  const bw = Math.max(1, Math.ceil(w / B));
  const bh = Math.max(1, Math.ceil(h / B));
  const level = new Float32Array(bw * bh);
  const values = new Float32Array(B * B);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      // Every other row and column: a quarter of the pixels gives the median as well, at a quarter
      // of the sorting.
      let n = 0;
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y += 2)
        for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x += 2) values[n++] = src[y * w + x]!;
      level[by * bw + bx] = n ? values.subarray(0, n).sort()[n >> 1]! : 0;
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
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / B - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const tx = fx - x0;
      const top = fixed[y0 * bw + x0]! + (fixed[y0 * bw + x1]! - fixed[y0 * bw + x0]!) * tx;
      const bot = fixed[y1 * bw + x0]! + (fixed[y1 * bw + x1]! - fixed[y1 * bw + x0]!) * tx;
      out[y * w + x] = top + (bot - top) * ty;
    }
  }
  return out;
}

/** Largest eigenvalue of the Hessian of `s` (a dark ridge of a darkness map is a negative curvature across it). */
function ridge(
  s: Float32Array,
  w: number,
  h: number,
  scale: number,
  outR: Float32Array,
  outA?: Float32Array,
) {
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

/**
 * Computes the feature planes of a working RGB image at `umPerWorkingPx` µm per working pixel.
 */
export function pixelFeatures(img: WorkingRgb, umPerWorkingPx: number): PixelFeatureMaps {
  const { width: w, height: h } = img;
  const n = w * h;
  const px = (um: number) => Math.max(1, Math.round(um / umPerWorkingPx));
  const block = px(200);
  const skinR = skinLevel(img.r, w, h, block);
  const skinG = skinLevel(img.g, w, h, block);
  const skinB = skinLevel(img.b, w, h, block);
  const dMean = new Float32Array(n);
  const dMin = new Float32Array(n);
  const blue = new Float32Array(n);
  const red = new Float32Array(n);
  const skinBright = new Float32Array(n);
  const chroma = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const dr = 1 - img.r[p]! / Math.max(8, skinR[p]!);
    const dg = 1 - img.g[p]! / Math.max(8, skinG[p]!);
    const db = 1 - img.b[p]! / Math.max(8, skinB[p]!);
    // Brighter than skin (flakes, glare, light creases) is not evidence of anything dark: clamped
    // at 0, so the skin beside a white flake does not become a dark ridge by contrast.
    dMean[p] = Math.max(0, (dr + dg + db) / 3);
    dMin[p] = Math.max(0, Math.min(dr, dg, db));
    blue[p] = dr - db;
    red[p] = dr;
    skinBright[p] = (skinR[p]! + skinG[p]! + skinB[p]!) / 765;
    const mx = Math.max(img.r[p]!, img.g[p]!, img.b[p]!);
    const mn = Math.min(img.r[p]!, img.g[p]!, img.b[p]!);
    chroma[p] = (mx - mn) / 255;
  }
  const fine = px(6);
  const darkness = boxMean(dMean, w, h, Math.max(0, fine - 1) || 0);
  const dMinS = boxMean(dMin, w, h, Math.max(0, fine - 1) || 0);
  const near = boxMean(dMean, w, h, px(20));
  const wide = boxMean(dMean, w, h, px(60));
  const surround = boxMean(dMean, w, h, px(150));
  const cs = new Float32Array(n);
  for (let p = 0; p < n; p++) cs[p] = darkness[p]! - surround[p]!;
  // Texture: mean absolute deviation from the near mean (skin creases and flakes are busy).
  const dev = new Float32Array(n);
  for (let p = 0; p < n; p++) dev[p] = Math.abs(dMean[p]! - near[p]!);
  const texture = boxMean(dev, w, h, px(20));
  const sFine = smoothBox3(dMean, w, h, px(8));
  const sCoarse = smoothBox3(dMean, w, h, px(25));
  const ridgeFine = new Float32Array(n);
  const ridgeCoarse = new Float32Array(n);
  const aniso = new Float32Array(n);
  // Scale-normalised curvature (σ² × second derivative) so thin and thick shafts respond alike.
  ridge(sFine, w, h, px(8) ** 2, ridgeFine);
  ridge(sCoarse, w, h, px(25) ** 2, ridgeCoarse, aniso);
  const blueS = boxMean(blue, w, h, px(10));
  return {
    planes: [
      darkness,
      dMinS,
      blueS,
      near,
      wide,
      cs,
      texture,
      ridgeFine,
      ridgeCoarse,
      aniso,
      skinBright,
      chroma,
    ],
    darkness,
    redDarkness: red,
    width: w,
    height: h,
  };
}
