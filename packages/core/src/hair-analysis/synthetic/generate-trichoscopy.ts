import { Rng } from './prng';
import { paintOverlays, paintScene, type RealismOptions } from './realism';
import { blurRgb, createCanvas, paintDisc, paintShaft, type Rgb } from './render';
import { markHiddenSiblings } from './siblings';

export type SyntheticHairClass = 'vellus' | 'intermediate' | 'terminal';

export interface SyntheticTrichoscopyOptions {
  seed: number;
  width?: number;
  height?: number;
  /** Calibration in µm per pixel (4–12 typical). */
  umPerPx?: number;
  /** Hairs per cm² whose emergence point lies in the field. */
  densityPerCm2?: number;
  /** Share of hairs drawn as vellus (< 30 µm). */
  vellusFraction?: number;
  /** Visible length range of terminal hairs in mm (vellus hairs are drawn at ~half this). */
  hairLengthMm?: readonly [number, number];
  /** Optical blur (Gaussian sigma, px). */
  blurSigmaPx?: number;
  /** Brightness multiplier: 1 normal, < 0.3 under-exposed, > 2 over-exposed. */
  exposure?: number;
  /** 0 = very light skin … 1 = dark skin. */
  skinTone?: number;
  hairColor?: HairColorName;
  noiseSd?: number;
  /** Relative frequency of follicular units with 1, 2, 3 and 4 hairs. */
  unitSizeWeights?: readonly [number, number, number, number];
  /** What real images add (skin texture, flakes, halos, glare, device graphics); none by default. */
  realism?: RealismOptions;
}

export type HairColorName = 'black' | 'dark-brown' | 'brown' | 'light-brown' | 'grey';

const HAIR_COLORS: Record<HairColorName, Rgb> = {
  black: [28, 22, 20],
  'dark-brown': [58, 40, 30],
  brown: [92, 64, 46],
  'light-brown': [140, 106, 80],
  grey: [150, 148, 146],
};

export interface SyntheticHair {
  /** Emergence point in px (image coordinates, may lie outside the frame). */
  x: number;
  y: number;
  diameterUm: number;
  class: SyntheticHairClass;
  lengthUm: number;
  /** Initial growth direction at the emergence point, radians (image axes, y down). */
  angleRad: number;
  /** Constant curvature of the centre line, radians per px (the shaft is an arc from the root). */
  curvatureRadPerPx: number;
  /** Emergence point inside the frame, i.e. the hair counts. */
  counted: boolean;
  /**
   * The shaft touches or overlaps a sibling of its follicular unit along its whole length, so no
   * skin ever shows between them: it can only be inferred from width or darkness, not seen apart.
   */
  hiddenBySibling: boolean;
}

export interface SyntheticTruth {
  hairCount: number;
  densityPerCm2: number;
  meanDiameterUm: number;
  vellusRatio: number;
  terminalRatio: number;
  /** Counted hairs only. */
  hairs: SyntheticHair[];
  /** Every drawn hair, including those entering from outside. */
  allHairs: SyntheticHair[];
  emptyOpenings: number;
  /** Counted hairs that are not hidden by a sibling (a diagnostic, not the reference count). */
  separableCount: number;
}

export interface SyntheticTrichoscopyImage {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3;
  umPerPx: number;
  truth: SyntheticTruth;
  params: Required<Omit<SyntheticTrichoscopyOptions, 'seed' | 'realism'>> & {
    seed: number;
    realism: RealismOptions;
  };
}

/**
 * Scalp conditions drawn from `seed` that the generator otherwise holds fixed: the follicular-unit
 * mix (10–100 % single-hair units, the rest shared between units of 2, 3 and 4 hairs with, on
 * average, falling shares) and the range of visible hair lengths (shortest 0.25–0.8 mm, longest
 * 0.5–1.4 mm more). Scalps differ (a thinning area holds more single-hair units; hair is clipped to
 * different lengths), so the count model is fitted and checked on these as well as on the usual
 * 35/40/20/5 % mix and 0.4–1.5 mm.
 */
export function variedScalp(seed: number): {
  unitSizeWeights: [number, number, number, number];
  hairLengthMm: [number, number];
} {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const single = rng.uniform(0.1, 1);
  const a2 = rng.uniform(0, 4);
  const a3 = rng.uniform(0, 2);
  const a4 = rng.uniform(0, 0.5);
  const rest = (1 - single) / (a2 + a3 + a4 || 1);
  const shortest = rng.uniform(0.25, 0.8);
  return {
    unitSizeWeights: [single, a2 * rest, a3 * rest, a4 * rest],
    hairLengthMm: [shortest, shortest + rng.uniform(0.5, 1.4)],
  };
}

/** Option or drawn value; the draw always happens so options never shift the random sequence. */
const or = <T>(given: T | undefined, drawn: T): T => (given === undefined ? drawn : given);
const lum = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/**
 * Draws a synthetic trichoscopy image (RGB, 8 bit) with exact ground truth. Deterministic in `seed`.
 * Hairs grow from follicular units (1–4 hairs sharing an opening) placed over an area larger than the
 * frame, so some hairs enter from outside (not counted); empty openings and pores are added as
 * distractors; shading, vignetting, skin mottling, blur and noise are applied.
 */
export function generateTrichoscopyImage(options: SyntheticTrichoscopyOptions): SyntheticTrichoscopyImage {
  const rng = new Rng(options.seed * 7919 + 17);
  const umPerPx = or(options.umPerPx, rng.uniform(4, 12));
  const fieldCm = rng.uniform(0.9, 1.2);
  const width = options.width ?? Math.max(400, Math.min(2000, Math.round((fieldCm * 1e4) / umPerPx)));
  const height = options.height ?? Math.round((width * 3) / 4);
  const density = or(options.densityPerCm2, rng.uniform(10, 300));
  const vellusFraction = or(options.vellusFraction, rng.uniform(0, 0.45));
  const intermediateFraction = rng.uniform(0.05, 0.3);
  const lengthMm = options.hairLengthMm ?? ([0.4, 1.5] as const);
  const blurSigmaPx = or(options.blurSigmaPx, rng.uniform(0.4, 1.0));
  const exposure = or(options.exposure, rng.uniform(0.9, 1.08));
  const skinTone = or(options.skinTone, rng.uniform(0, 1));
  const noiseSd = or(options.noiseSd, rng.uniform(1.5, 5));
  const unitWeights = options.unitSizeWeights ?? ([0.35, 0.4, 0.2, 0.05] as const);
  const skin = mix([236, 200, 182], [104, 72, 56], skinTone);
  let hairColor: HairColorName = or(
    options.hairColor,
    rng.pick(['black', 'black', 'dark-brown', 'brown', 'light-brown', 'grey'] as const),
  );
  // Hair lighter than ~75 % of the skin's luminance is hardly resolvable by eye either; darken it.
  const order: HairColorName[] = ['grey', 'light-brown', 'brown', 'dark-brown', 'black'];
  while (lum(HAIR_COLORS[hairColor]) > 0.75 * lum(skin) && hairColor !== 'black') {
    hairColor = order[order.indexOf(hairColor) + 1]!;
  }
  const baseHair = HAIR_COLORS[hairColor];

  const areaCm2 = (width * height * umPerPx * umPerPx) / 1e8;
  const maxLenPx = (lengthMm[1] * 1000) / umPerPx;
  const margin = Math.ceil(maxLenPx);
  const extW = width + 2 * margin;
  const extH = height + 2 * margin;
  const extAreaCm2 = (extW * extH * umPerPx * umPerPx) / 1e8;
  const targetHairs = Math.round(density * extAreaCm2);
  const growth = rng.uniform(0, 2 * Math.PI);
  const canvas = createCanvas(width, height);
  for (let p = 0; p < width * height; p++) {
    canvas.rgb[3 * p] = skin[0];
    canvas.rgb[3 * p + 1] = skin[1];
    canvas.rgb[3 * p + 2] = skin[2];
  }
  const ostiumColor = mix(skin, [120, 70, 55], 0.35);
  const minSpacingPx = 250 / umPerPx;
  const roots: [number, number][] = [];
  const allHairs: SyntheticHair[] = [];
  const shafts: { pts: Float64Array; d: number; hair: SyntheticHair; color: Rgb; tapered: boolean }[] = [];
  let emptyOpenings = 0;

  while (allHairs.length < targetHairs) {
    let rx = 0;
    let ry = 0;
    for (let attempt = 0; attempt < 30; attempt++) {
      rx = rng.uniform(-margin, width + margin);
      ry = rng.uniform(-margin, height + margin);
      if (roots.every(([x, y]) => Math.hypot(x - rx, y - ry) > minSpacingPx)) break;
    }
    roots.push([rx, ry]);
    const unitSize = 1 + rng.weighted(unitWeights);
    const unitDir = growth + rng.normal(0, 0.45);
    let maxD = 0;
    const unitStart = shafts.length;
    for (let k = 0; k < unitSize && allHairs.length < targetHairs; k++) {
      const u = rng.uniform();
      const diameterUm =
        u < vellusFraction
          ? rng.uniform(10, 30)
          : u < vellusFraction + intermediateFraction
            ? rng.uniform(30, 60)
            : rng.uniform(60, 100);
      maxD = Math.max(maxD, diameterUm);
      const isVellus = diameterUm < 30;
      const lenUm = rng.uniform(lengthMm[0], lengthMm[1]) * 1000 * (isVellus ? 0.55 : 1);
      const counted = rx >= 0 && rx < width && ry >= 0 && ry < height;
      let theta = unitDir + (unitSize > 1 ? rng.uniform(-0.4, 0.4) : 0);
      const n = Math.max(2, Math.ceil(lenUm / umPerPx));
      const pts = new Float64Array(2 * n);
      const curvature = rng.normal(0, 0.45) / (1000 / umPerPx); // rad per px (≈ 0.45 rad per mm)
      const hair: SyntheticHair = {
        x: rx,
        y: ry,
        diameterUm,
        class: diameterUm < 30 ? 'vellus' : diameterUm < 60 ? 'intermediate' : 'terminal',
        lengthUm: lenUm,
        angleRad: theta,
        curvatureRadPerPx: curvature,
        counted,
        hiddenBySibling: false,
      };
      allHairs.push(hair);
      let x = rx;
      let y = ry;
      for (let i = 0; i < n; i++) {
        pts[2 * i] = x;
        pts[2 * i + 1] = y;
        x += Math.cos(theta);
        y += Math.sin(theta);
        theta += curvature;
      }
      const pigment = isVellus ? rng.uniform(0.15, 0.4) : rng.uniform(0, 0.12);
      shafts.push({
        pts,
        d: diameterUm / umPerPx,
        hair,
        color: mix(baseHair, skin, pigment),
        tapered: rng.uniform() < 0.3,
      });
    }
    markHiddenSiblings(shafts.slice(unitStart));
    const rOst = (maxD / 2 / umPerPx) * rng.uniform(1.4, 1.9) + rng.uniform(8, 20) / umPerPx;
    paintDisc(canvas, rx, ry, rOst, Math.max(1, rOst * 0.4), ostiumColor, rng.uniform(0.5, 0.85));
  }
  // Empty follicular openings and pores: dark-ish round spots without a shaft.
  const nPores = Math.round(density * areaCm2 * rng.uniform(0.05, 0.3));
  for (let i = 0; i < nPores; i++) {
    const r = rng.uniform(25, 60) / umPerPx;
    paintDisc(
      canvas,
      rng.uniform(0, width),
      rng.uniform(0, height),
      r,
      Math.max(1, r * 0.5),
      ostiumColor,
      rng.uniform(0.5, 0.9),
    );
    emptyOpenings++;
  }
  // Texture, halos and glare lie on the skin under the shafts (own random stream: see realism.ts).
  if (options.realism) paintScene(canvas, options.seed, options.realism, umPerPx, roots, skin);
  // Draw in random order so crossings composite either way.
  for (let i = shafts.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shafts[i], shafts[j]] = [shafts[j]!, shafts[i]!];
  }
  for (const s of shafts) {
    const nPts = s.pts.length / 2;
    const r = s.d / 2;
    const fade = Math.max(2, s.d);
    paintShaft(canvas, s.pts, {
      color: s.color,
      maxRadius: r,
      highlight: s.d > 4 ? 0.25 : 0,
      radiusAt: s.tapered ? (t) => r * Math.min(1, 0.35 + (0.65 * (nPts - 1 - t)) / (0.15 * nPts)) : () => r,
      opacityAt: (t) => (t < fade ? 0.45 + (0.55 * t) / fade : 1),
    });
  }
  blurRgb(canvas, blurSigmaPx);

  // Illumination: vignetting, a linear gradient and low-frequency skin mottling; then sensor noise.
  const vig = rng.uniform(0.1, 0.35);
  const gx = rng.uniform(-0.12, 0.12);
  const gy = rng.uniform(-0.12, 0.12);
  const waves = Array.from({ length: 4 }, () => ({
    fx: (rng.uniform(-1, 1) * (2 * Math.PI)) / rng.uniform(150, 500),
    fy: (rng.uniform(-1, 1) * (2 * Math.PI)) / rng.uniform(150, 500),
    ph: rng.uniform(0, 2 * Math.PI),
    a: rng.uniform(0.01, 0.035),
  }));
  const pixels = new Uint8ClampedArray(width * height * 3);
  const cx = width / 2;
  const cy = height / 2;
  const rmax2 = cx * cx + cy * cy;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / rmax2;
      let illum = exposure * (1 - vig * r2 + (gx * (x - cx)) / width + (gy * (y - cy)) / height);
      for (const w of waves) illum += exposure * w.a * Math.sin(w.fx * x + w.fy * y + w.ph);
      const o = (y * width + x) * 3;
      for (let ch = 0; ch < 3; ch++) pixels[o + ch] = canvas.rgb[o + ch]! * illum + rng.normal(0, noiseSd);
    }
  }

  if (options.realism?.overlays) paintOverlays(pixels, width, height, options.seed, umPerPx);
  const counted = allHairs.filter((h) => h.counted);
  const hairCount = counted.length;
  return {
    pixels,
    width,
    height,
    channels: 3,
    umPerPx,
    truth: {
      hairCount,
      densityPerCm2: hairCount / areaCm2,
      meanDiameterUm: hairCount ? counted.reduce((s, h) => s + h.diameterUm, 0) / hairCount : 0,
      vellusRatio: hairCount ? counted.filter((h) => h.class === 'vellus').length / hairCount : 0,
      terminalRatio: hairCount ? counted.filter((h) => h.class === 'terminal').length / hairCount : 0,
      hairs: counted,
      allHairs,
      emptyOpenings,
      separableCount: counted.filter((h) => !h.hiddenBySibling).length,
    },
    params: {
      seed: options.seed,
      width,
      height,
      umPerPx,
      densityPerCm2: density,
      vellusFraction,
      hairLengthMm: lengthMm,
      blurSigmaPx,
      exposure,
      skinTone,
      hairColor,
      noiseSd,
      unitSizeWeights: unitWeights,
      realism: options.realism ?? {},
    },
  };
}
