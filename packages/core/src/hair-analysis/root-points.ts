import { FEATURE_NAMES, PIXEL_FEATURES } from './pixel-features';
import { type SmallMlp, smallMlpScore } from './small-mlp';

/**
 * Emergence points read from the pixel maps, not from the skeleton (0.6.x, placement candidates).
 * On real images a third of the missed marked roots lie along a counted shaft away from its ends
 * (a second hair lying along it), and one in seven has no strand at all (faint or blurred hairs,
 * hairs merged into a neighbour's mask). This stage seeds points over every shaft-like area of the
 * image (the most shaft-like pixel of each ~40 µm cell), describes each by what the maps show
 * around it (the classifier's twelve pixel features, the mask's width and how many arms of shaft
 * leave a ring around the point — one at an end, two along a shaft, more at a crossing —, the
 * red-channel halo, the distance to strands, their ends and the count model's roots), scores it
 * with a small model fitted on real train images (a marked root nearby), and keeps the local peaks
 * of that score as extra candidates for the placement (placement.ts), which decides among them.
 */

/** Maps of the working image the detector reads (all w×h, working pixels). */
export interface RootPointMaps {
  width: number;
  height: number;
  umPerWorkingPx: number;
  /** Shaft probability of the pixel classifier. */
  probability: Float32Array;
  /** Red-channel darkness against the skin (follicle halos). */
  red: Float32Array;
  /** Smoothed red-weighted darkness (the diameter map). */
  dark: Float32Array;
  /** Distance to the nearest pixel outside the shaft mask, px (0 off the mask). */
  distance: Float32Array;
  mask: Uint8Array;
  /**
   * Pixels the classifier was asked about, ascending, and their PIXEL_FEATURES values, feature-major:
   * feature k of pixel i at `k · pixelIndex.length + i` (CandidateFeatures.columns).
   */
  pixelIndex: Int32Array;
  pixelColumns: Float32Array;
}

/** What the detector reads of the strands (working pixels). */
export interface RootPointStrands {
  /** Centre line of each strand, pixel indices. */
  paths: readonly (readonly number[])[];
  /** Strand ends, flat x,y pairs. */
  ends: readonly number[];
  /** Emergence points of the counted strands, flat x,y pairs. */
  roots: readonly number[];
  /** The other ends (tips) of the counted strands, flat x,y pairs; none when left out. */
  tips?: readonly number[];
}

export interface RootPointModel extends SmallMlp {
  /** A seed becomes a candidate when its score is at least this and the highest within `peakUm`. */
  threshold: number;
  peakUm: number;
}

/** Seed cell size, µm: one seed per cell of shaft-like pixels. */
const SEED_CELL_UM = 40;
/** A cell is seeded when its most shaft-like pixel reaches this probability. */
const SEED_PROBABILITY = 0.15;
/** Most seeds described per image (see rootPointSeeds). */
export const MAX_SEEDS = 3000;
/** The ring of RING_UM whose samples also give the way the shaft leaves the point. */
const RING50_UM = 50;
/** Rings around the point where the arms of shaft are counted, µm. */
const RING_UM = [RING50_UM, 100] as const;
const RING_SAMPLES = 16;
/** Halo ring, µm, and the background ring it is compared with. */
const HALO_UM = 80;
const BACKGROUND_UM = 200;
/** Distances to strand ends and roots are capped here, µm; distances to a strand's centre line at NEAR_UM. */
const FAR_UM = 300;
const NEAR_UM = 150;
/** Rings of the dot contrast (darkness here against the ring's mean), µm. */
const DOT_UM = [30, 60, 120] as const;
/** Other seeds counted within this distance, µm (crowded shaft areas against lone dots). */
export const SEEDS_NEAR_UM = 110;
/** Cap of that count (about the cells of a 110 µm disc). */
export const SEEDS_NEAR_CAP = 30;

/** Number of features per point; the order is ROOT_POINT_FEATURES. */
export const ROOT_POINT_FEATURE_NAMES = [
  'probability',
  ...FEATURE_NAMES,
  'classified',
  'halfWidth',
  'halfWidthNear',
  'ring50',
  'arms50',
  'ring100',
  'arms100',
  'halo',
  'darkness',
  'toStrand',
  'toEnd',
  'toRoot',
  'endsNear',
  'toFrame',
  // Decision 074: the shape of the darkness around the point and what stands near it.
  'dotContrast30',
  'dotContrast60',
  'dotContrast120',
  'halo40',
  'armPull',
  'armAngle',
  'beyondDark',
  'alongDark',
  'taper',
  'toTip',
  'rootsNear',
  'seedsNear',
] as const;
/** Index of 'seedsNear', filled by detectRootPoints once every seed is known. */
const SEEDS_NEAR = ROOT_POINT_FEATURE_NAMES.indexOf('seedsNear');
export const ROOT_POINT_FEATURES = ROOT_POINT_FEATURE_NAMES.length;

/** Mask samples of the 50 µm ring (describe's scratch, written by the arms loop). */
const ring = new Uint8Array(RING_SAMPLES);
const COS = Array.from({ length: RING_SAMPLES }, (_, k) => Math.cos((2 * Math.PI * k) / RING_SAMPLES));
const SIN = Array.from({ length: RING_SAMPLES }, (_, k) => Math.sin((2 * Math.PI * k) / RING_SAMPLES));

/** Index of `p` in the ascending list, or −1. */
function indexOf(list: Int32Array, p: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === p) return mid;
    if (v < p) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Points of a flat x,y list in square buckets, for nearest-point queries. */
class Buckets {
  private readonly cells = new Map<number, number[]>();
  constructor(
    readonly size: number,
    points: readonly number[],
  ) {
    for (let i = 0; i < points.length; i += 2) this.add(points[i]!, points[i + 1]!);
  }
  add(x: number, y: number): void {
    const key = Math.floor(y / this.size) * 65536 + Math.floor(x / this.size);
    const c = this.cells.get(key);
    if (c) c.push(x, y);
    else this.cells.set(key, [x, y]);
  }
  /** Distance to the nearest point (capped at `cap`) and how many lie within `within`. */
  query(x: number, y: number, cap: number, within = 0): { d: number; n: number } {
    const reach = Math.ceil(cap / this.size);
    const cx = Math.floor(x / this.size);
    const cy = Math.floor(y / this.size);
    let best = cap * cap;
    const w2 = within * within;
    let n = 0;
    for (let j = cy - reach; j <= cy + reach; j++)
      for (let i = cx - reach; i <= cx + reach; i++) {
        const c = this.cells.get(j * 65536 + i);
        if (!c) continue;
        for (let k = 0; k < c.length; k += 2) {
          const dx = c[k]! - x;
          const dy = c[k + 1]! - y;
          const d2 = dx * dx + dy * dy;
          if (d2 < best) best = d2;
          if (d2 <= w2) n++;
        }
      }
    return { d: Math.sqrt(best), n };
  }
}

/** Describes points of one image: see ROOT_POINT_FEATURE_NAMES. */
export class RootPointFeatures {
  private readonly strands: Buckets;
  private readonly ends: Buckets;
  private readonly roots: Buckets;
  private readonly tips: Buckets;
  private readonly px: (um: number) => number;

  constructor(
    readonly maps: RootPointMaps,
    strands: RootPointStrands,
  ) {
    const { width: w, umPerWorkingPx: u } = maps;
    this.px = (um) => um / u;
    const size = Math.max(4, this.px(FAR_UM) / 2);
    // Every other centre-line pixel is close enough for a distance capped at NEAR_UM.
    this.strands = new Buckets(Math.max(4, this.px(NEAR_UM) / 2), []);
    for (const path of strands.paths)
      for (let i = 0; i < path.length; i += 2) this.strands.add(path[i]! % w, Math.floor(path[i]! / w));
    this.ends = new Buckets(size, strands.ends);
    this.roots = new Buckets(size, strands.roots);
    this.tips = new Buckets(size, strands.tips ?? []);
  }

  /** Features of the point (x, y) in working pixels, written to `out` from `offset`. */
  describe(x: number, y: number, out: Float32Array | number[], offset = 0): void {
    const { width: w, height: h, umPerWorkingPx: u, probability, red, dark, distance, mask } = this.maps;
    const xi = Math.max(0, Math.min(w - 1, Math.round(x)));
    const yi = Math.max(0, Math.min(h - 1, Math.round(y)));
    const p = yi * w + xi;
    let o = offset;
    out[o++] = probability[p]!;
    const row = indexOf(this.maps.pixelIndex, p);
    const count = this.maps.pixelIndex.length;
    for (let k = 0; k < PIXEL_FEATURES; k++)
      out[o++] = row >= 0 ? this.maps.pixelColumns[k * count + row]! : 0;
    out[o++] = row >= 0 ? 1 : 0;
    out[o++] = (distance[p]! * u) / 50;
    let near = 0;
    const r3 = Math.max(1, Math.round(this.px(25)));
    for (let yy = Math.max(0, yi - r3); yy <= Math.min(h - 1, yi + r3); yy++)
      for (let xx = Math.max(0, xi - r3); xx <= Math.min(w - 1, xi + r3); xx++)
        if (distance[yy * w + xx]! > near) near = distance[yy * w + xx]!;
    out[o++] = (near * u) / 50;
    for (const um of RING_UM) {
      const r = this.px(um);
      // The 50 µm ring's samples are kept in `ring`: the shaft's way out below reads them.
      const keep = um === RING50_UM;
      let on = 0;
      let arms = 0;
      let first = -1;
      let prev = -1;
      for (let k = 0; k < RING_SAMPLES; k++) {
        const sx = Math.round(x + r * COS[k]!);
        const sy = Math.round(y + r * SIN[k]!);
        const v = sx >= 0 && sy >= 0 && sx < w && sy < h && mask[sy * w + sx] ? 1 : 0;
        if (keep) ring[k] = v;
        on += v;
        if (k === 0) first = v;
        else if (v && !prev) arms++;
        prev = v;
      }
      if (first && !prev) arms++;
      out[o++] = on / RING_SAMPLES;
      out[o++] = Math.min(4, arms);
    }
    // Read once, as two features compare with it (the halo here, the 40 µm ring below).
    const background = this.ringMean(red, x, y, this.px(BACKGROUND_UM));
    out[o++] = this.ringMean(red, x, y, this.px(HALO_UM)) - background;
    out[o++] = dark[p]!;
    const far = this.px(FAR_UM);
    out[o++] = (this.strands.query(x, y, this.px(NEAR_UM)).d * u) / 100;
    const e = this.ends.query(x, y, far, this.px(110));
    out[o++] = (e.d * u) / 100;
    out[o++] = (this.roots.query(x, y, far).d * u) / 100;
    out[o++] = Math.min(4, e.n);
    out[o++] = Math.min(3, (Math.min(x, y, w - 1 - x, h - 1 - y) * u) / 100);
    // A follicle opening or a hair's stub is a dark dot: darker than every ring around it, at
    // several scales; a shaft is dark on two sides of a ring only, texture on none.
    const centre = dark[p]!;
    for (const um of DOT_UM) out[o++] = centre - this.ringMean(dark, x, y, this.px(um), true);
    out[o++] = this.ringMean(red, x, y, this.px(40)) - background;
    // Which way the shaft leaves the point (mean direction of the mask on the 50 µm ring, sampled
    // above): pulled one way at an end, balanced along a shaft; the angle between two arms (a V of
    // two hairs from one opening is < 180°).
    let vx = 0;
    let vy = 0;
    let on = 0;
    let from = -1;
    for (let k = 0; k < RING_SAMPLES; k++) {
      if (ring[k]) {
        vx += COS[k]!;
        vy += SIN[k]!;
        on++;
      } else if (from < 0) from = k;
    }
    // Centres of the first two arms, read from an off-mask sample so that no arm wraps.
    let c1 = -1;
    let c2 = -1;
    if (from >= 0)
      for (let j = 1, start = -1; j <= RING_SAMPLES; j++) {
        const k = (from + j) % RING_SAMPLES;
        if (ring[k] && start < 0) start = j;
        else if (!ring[k] && start >= 0) {
          const centre = (start + j - 1) / 2;
          if (c1 < 0) c1 = centre;
          else if (c2 < 0) c2 = centre;
          start = -1;
        }
      }
    const norm = Math.hypot(vx, vy);
    out[o++] = on ? norm / on : 0;
    const sep = c2 >= 0 ? Math.min(c2 - c1, RING_SAMPLES - (c2 - c1)) / (RING_SAMPLES / 2) : 0;
    out[o++] = sep;
    // Darkness beyond the point against the way the shaft leaves it (skin past a tip, the dark
    // follicle or a sibling's stub past a root) and along the shaft; the width 40 µm along it
    // against the width here (a tip tapers, a root is blunt).
    const ux = norm ? vx / norm : 0;
    const uy = norm ? vy / norm : 0;
    const at = (um: number, sign: number) => {
      const sx = Math.max(0, Math.min(w - 1, Math.round(x + sign * ux * this.px(um))));
      const sy = Math.max(0, Math.min(h - 1, Math.round(y + sign * uy * this.px(um))));
      return sy * w + sx;
    };
    out[o++] = norm ? (dark[at(30, -1)]! + dark[at(60, -1)]!) / 2 - centre : 0;
    out[o++] = norm ? (dark[at(30, 1)]! + dark[at(60, 1)]!) / 2 - centre : 0;
    out[o++] = norm ? ((distance[at(40, 1)]! - distance[p]!) * u) / 50 : 0;
    out[o++] = (this.tips.query(x, y, far).d * u) / 100;
    out[o++] = Math.min(4, this.roots.query(x, y, this.px(110), this.px(110)).n);
    out[o] = 0;
  }

  /**
   * Mean of `plane` over the off-mask samples of a ring of radius `r` px, or over all its samples
   * inside the frame with `all` (0 when none).
   */
  private ringMean(plane: Float32Array, x: number, y: number, r: number, all = false): number {
    const { width: w, height: h, mask } = this.maps;
    let s = 0;
    let n = 0;
    for (let k = 0; k < RING_SAMPLES; k++) {
      const sx = Math.round(x + r * COS[k]!);
      const sy = Math.round(y + r * SIN[k]!);
      if (sx < 0 || sy < 0 || sx >= w || sy >= h || (!all && mask[sy * w + sx])) continue;
      s += plane[sy * w + sx]!;
      n++;
    }
    return n ? s / n : 0;
  }
}

/**
 * Seeds: the most shaft-like pixel of every SEED_CELL_UM cell whose best probability reaches
 * SEED_PROBABILITY, as flat x,y pairs in working pixels.
 */
export function rootPointSeeds(maps: RootPointMaps): number[] {
  const cell = Math.max(2, Math.round(SEED_CELL_UM / maps.umPerWorkingPx));
  const seeds = seedsInCells(maps, cell);
  // Each seed is described and scored, so a large crowded field (a 20× dermoscope image has ~10×
  // the seeds of a 70× one) is seeded on coarser cells: the work stays bounded, and peaks are kept
  // 80 µm apart anyway. No FDU train image came near the cap.
  const n = seeds.length / 2;
  if (n <= MAX_SEEDS) return seeds;
  return seedsInCells(maps, Math.ceil(cell * Math.sqrt(n / MAX_SEEDS)));
}

function seedsInCells(maps: RootPointMaps, cell: number): number[] {
  const { width: w, height: h, probability } = maps;
  const seeds: number[] = [];
  // Each band of cells is swept row by row in memory order, with the best so far per cell; within
  // a cell the pixels are visited in the same order as cell by cell, so ties go the same way.
  const cols = Math.ceil(w / cell);
  if (cellBest.length < cols) {
    cellBest = new Float64Array(cols);
    cellAt = new Int32Array(cols);
  }
  for (let cy = 0; cy < h; cy += cell) {
    cellBest.fill(SEED_PROBABILITY, 0, cols);
    cellAt.fill(-1, 0, cols);
    for (let y = cy; y < Math.min(h, cy + cell); y++)
      bestInRow(probability, y * w, w, cell, cellBest, cellAt);
    for (let c = 0; c < cols; c++) {
      const at = cellAt[c]!;
      if (at >= 0) seeds.push(at % w, Math.floor(at / w));
    }
  }
  return seeds;
}

/** Per-cell best probability and its pixel, kept between calls (one entry per cell of a band). */
let cellBest = new Float64Array(0);
let cellAt = new Int32Array(0);

/** Updates each cell's best (`best`, `at`) with one image row starting at pixel `o`. */
function bestInRow(
  probability: Float32Array,
  o: number,
  w: number,
  cell: number,
  best: Float64Array,
  at: Int32Array,
): void {
  for (let c = 0, x0 = 0; x0 < w; c++, x0 += cell) {
    let b = best[c]!;
    let a = at[c]!;
    const end = o + Math.min(w, x0 + cell);
    for (let p = o + x0; p < end; p++)
      if (probability[p]! >= b) {
        b = probability[p]!;
        a = p;
      }
    best[c] = b;
    at[c] = a;
  }
}

/** The model's score of one feature row (a marked root nearby). */
export function rootPointScore(f: ArrayLike<number>, m: RootPointModel, offset = 0): number {
  return smallMlpScore(f, m, offset);
}

/**
 * Indices of the points (flat x,y pairs) scoring at least `threshold` that score highest within
 * `radius` of themselves among those already kept, best first (ties by index).
 */
export function scorePeaks(
  xy: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
  radius: number,
): number[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) order.push(i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const kept = new Buckets(Math.max(2, radius), []);
  const peaks: number[] = [];
  for (const i of order) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (kept.query(x, y, radius + 1).d <= radius) continue;
    kept.add(x, y);
    peaks.push(i);
  }
  return peaks;
}

export interface RootPoints {
  /** Seeds, flat x,y pairs (working pixels). */
  seeds: number[];
  /** ROOT_POINT_FEATURES values per seed. */
  features: Float32Array;
  scores: Float32Array;
  /** Indices of the seeds kept as candidates (score peaks), best first. */
  peaks: number[];
}

/**
 * Seeds, describes and scores points of one image and keeps the peaks: seeds scoring at least
 * `model.threshold` and highest within `model.peakUm` of themselves.
 */
export function detectRootPoints(
  describer: RootPointFeatures,
  maps: RootPointMaps,
  model: RootPointModel,
): RootPoints {
  const seeds = rootPointSeeds(maps);
  const n = seeds.length / 2;
  const F = ROOT_POINT_FEATURES;
  const features = new Float32Array(n * F);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) describer.describe(seeds[2 * i]!, seeds[2 * i + 1]!, features, i * F);
  const crowd = new Buckets(Math.max(2, SEEDS_NEAR_UM / maps.umPerWorkingPx), seeds);
  const near = SEEDS_NEAR_UM / maps.umPerWorkingPx;
  for (let i = 0; i < n; i++) {
    // The seed itself is within reach: not counted.
    features[i * F + SEEDS_NEAR] = Math.min(
      SEEDS_NEAR_CAP,
      crowd.query(seeds[2 * i]!, seeds[2 * i + 1]!, near, near).n - 1,
    );
    scores[i] = rootPointScore(features, model, i * F);
  }
  const peaks = scorePeaks(seeds, scores, model.threshold, model.peakUm / maps.umPerWorkingPx);
  return { seeds, features, scores, peaks };
}
