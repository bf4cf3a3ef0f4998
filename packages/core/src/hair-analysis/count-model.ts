/**
 * How many hairs each traced strand stands for. A strand is not a hair: siblings of a follicular
 * unit and hairs lying along each other thin into one strand, a hair broken at a crossing gives two,
 * a hair entering from outside can pass for one rooted inside. Which of these happened cannot be told
 * strand by strand, but how often it happens follows from what the image shows: coarser working
 * resolution and a more crowded field merge more hairs, a raised darkness level along a strand
 * means shafts side by side, a strand rising from an opening of its own is more often a single
 * hair than one rising where other strands meet, short strands are more often pieces.
 * The count is the sum of per-strand weights, a linear model in those features, fitted to minimise
 * the relative count error over images (see `bench/fit-count-model.ts`, which prints the
 * coefficients below). Integer hairs are then shared out so that the total is the rounded sum.
 */

/** Feature order of {@link COUNT_MODEL} and of {@link strandFeatures}. */
export const COUNT_FEATURES = [
  'rootFree',
  'rootBorder',
  'rootCorner',
  'rootSharedJunction',
  'rootJunction',
  'resolution',
  'density',
  'level',
  'attachedEnds',
  'coverage',
  'vellus',
  'short',
  'medianLength',
  'longLength',
  'wide',
  'piece',
  'crossesBorder',
  'lowProbability',
  'untracedRoots',
] as const;
export type CountFeature = (typeof COUNT_FEATURES)[number];

export interface CountModel {
  /** What the coefficients were fitted on, for the docs and the bench. */
  fittedOn: string;
  coefficients: Record<CountFeature, number>;
}

/**
 * After 0.7.0 (decision 070): `untracedRoots` added (strong root points, read from the pixels, that
 * no counted root explains: hairs the tracing merged or lost) and refitted on the 0.7.0 engine
 * (`npm run fit:count-model -- --real DIR --real-count 992 --count 150 --usual-count 75 --balance
 * --synthetic-share 0.6`): all 992 FDU train images; synthetic seeds 2000–2149 (varied scalp) and
 * 2200–2274 (the generator's usual scalp), each set half the synthetic weight, the synthetic 0.6 of
 * the real in total. Real and synthetic images pull the same coefficients apart (fitted on real
 * images alone the model cross-validates 1.3 points better on them), so the weights trade one
 * against the other: at equal weights the real error stayed near 0.7.0's; without the usual
 * scalp the benchmark's usual images stayed 5 % undercounted.
 * Engine 0.6.0: two terms added for what real 70× fields showed (docs/decisions/064):
 * `crossesBorder` (the strand runs out of the frame at its other end: a hair that may be entering
 * from outside, and one annotators often leave out at the edge) and `lowProbability` (the pixel
 * classifier's doubt along the strand: texture, flakes, halo edges), and refitted
 * (`npm run fit:count-model -- --real DIR --real-count 992 --count 200 --balance`) on all 992
 * images of the FDU train split and synthetic seeds 2000–2199, each kind weighing the same.
 * Engine 0.4.0: refitted (`npm run fit:count-model -- --real DIR --balance`) on synthetic images and
 * on real 70× trichoscope images whose hairs people marked (the FDU train split), each kind of image
 * weighing the same in total; `wide` (a strand wider than the image's typical one: siblings lying
 * together) and a fragment term (shorter than 200 µm) were added for the real images.
 * Before, fitted on synthetic images alone, whose follicular-unit mix (10–100 %
 * single-hair units) and visible hair length (shortest 0.25–0.8 mm, longest 0.5–1.4 mm more) vary
 * from image to image, seeds 2000–2399: disjoint from the tuning seeds (1–12, 100–139), the
 * validation seeds (200–239) and the benchmark seeds (1000–1099). Fitted on the generator's usual mix
 * and length alone, a model scored better on the usual images but counted 30 % too many hairs on
 * single-hair scalps or 0.8–2 mm hair and 30 % too few on 0.3–0.8 mm hair: it had learned the usual
 * share of hidden siblings and read hair length as crowding. A clinic with hand-counted images should
 * refit on those: our generator is not their scalp.
 */
export const COUNT_MODEL: CountModel = {
  fittedOn:
    'all 992 real train-split images (FDU, 70×), and synthetic seeds 2000–2149 (varied unit mix and hair length) and 2200–2274 (usual scalp), the synthetic weighing 0.6 of the real in total, varied and usual alike',
  coefficients: {
    rootFree: 1.308,
    // Held at 1, not fitted: the border band (emergence.ts) already counts the expected share.
    rootBorder: 1,
    rootCorner: 1.679,
    rootSharedJunction: 1.679,
    rootJunction: 1.797,
    resolution: 0.219,
    density: -0.234,
    level: -0.145,
    attachedEnds: -0.403,
    coverage: 4.119,
    vellus: 0.164,
    // Held at 0 from 0.6.0, not fitted: `piece` carries the short strands, and beside a piece term
    // this one's sign flipped between fits (−0.16 in 0.4.0, +0.07 when fitted freely in 0.6.0).
    short: 0,
    medianLength: -0.147,
    longLength: -0.042,
    wide: 0.118,
    piece: -1.076,
    crossesBorder: -0.744,
    lowProbability: -0.759,
    untracedRoots: 0.763,
  },
};

/** What the model reads about the whole field. Clamped to the range it was fitted over. */
export interface FieldCountInput {
  /** Working resolution, µm per working pixel. */
  umPerWorkingPx: number;
  /** Field area in mm². */
  areaMm2: number;
  /** Share of working pixels in the hair mask. */
  coverage: number;
  /**
   * Strong peaks of the root-point detector (root-points.ts) with no counted strand's root near
   * them ({@link untracedRootPoints}): emergence points read from the pixels that the tracing did
   * not explain, hairs it merged into another strand or lost.
   */
  untracedRoots: number;
}

/**
 * Root-point score from which a detector peak counts as strong, and how far from every counted
 * root it must lie to count as untraced. On FDU train images, peaks at ≥ 0.7 were about 0.6 per
 * marked hair (≥ 0.5: 1.0, ≥ 0.2: 2.2). Chosen by patient-grouped cross-validation on train among
 * all strong peaks at 0.3/0.5/0.7 and untraced ones at 0.5/0.6/0.7 and 110/200 µm (decision 070);
 * 110 µm is the placement's radius for "a marked root nearby".
 */
const STRONG_ROOT_POINT = 0.7;
const UNTRACED_ROOT_UM = 110;

/**
 * How many root-point peaks score at least {@link STRONG_ROOT_POINT} and lie farther than
 * {@link UNTRACED_ROOT_UM} from every counted root. Points and roots in the same pixels, `umPerPx`
 * their size; `peaks` as flat x,y pairs with one score each.
 */
export function untracedRootPoints(
  peaks: ArrayLike<number>,
  scores: ArrayLike<number>,
  roots: ArrayLike<number>,
  umPerPx: number,
): number {
  const r2 = (UNTRACED_ROOT_UM / umPerPx) ** 2;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! < STRONG_ROOT_POINT) continue;
    const x = peaks[2 * i]!;
    const y = peaks[2 * i + 1]!;
    let near = false;
    for (let j = 0; j + 1 < roots.length && !near; j += 2) {
      const dx = roots[j]! - x;
      const dy = roots[j + 1]! - y;
      near = dx * dx + dy * dy <= r2;
    }
    if (!near) n++;
  }
  return n;
}

/** What the field-level terms are read from (working pixels; peaks and roots as flat x,y pairs). */
export interface CountFieldSource {
  umPerWorkingPx: number;
  areaMm2: number;
  coverage: number;
  peaks: { xy: ArrayLike<number>; scores: ArrayLike<number> };
  roots: ArrayLike<number>;
}

/** The field terms of the count model, from what the analysis measured (and the fit saved). */
export function countFieldInput(src: CountFieldSource): FieldCountInput {
  return {
    umPerWorkingPx: src.umPerWorkingPx,
    areaMm2: src.areaMm2,
    coverage: src.coverage,
    untracedRoots: untracedRootPoints(src.peaks.xy, src.peaks.scores, src.roots, src.umPerWorkingPx),
  };
}

/**
 * Where a counted strand's emergence point is: a free end (an opening of its own), the border (a
 * root in the border band), a sharp bend (a V of two hairs), a junction where other strands also
 * stop (a shared opening) or a junction where only this strand stops.
 */
export type RootKind = 'free' | 'border' | 'corner' | 'shared-junction' | 'junction';

/** What the model reads about one strand; strands not counted as emerging in the field weigh 0. */
export interface StrandCountInput {
  counted: boolean;
  root: RootKind;
  lengthPx: number;
  diameterUm: number;
  /** Upper decile over lower quartile of the integrated darkness along the strand (1 when unknown). */
  level: number;
  /** Ends at a junction or a sharp bend (0–2). */
  attachedEnds: number;
  /** The end opposite the emergence point is cut by the frame (the hair runs out of the field). */
  crossesBorder: boolean;
  /** Mean shaft probability along the strand (pixel classifier, 0–1; 1 when unknown). */
  probability: number;
  /**
   * Root at a sharp bend: the cosine of the angle between this strand and the other arm of the bend,
   * each read ~100 µm out from the bend (1: two arms leaving together, −0.57: the gentlest bend
   * split). Undefined for other roots.
   */
  cornerArmsCos?: number;
}

/** Column of each feature in a row. */
const COLUMN = Object.fromEntries(COUNT_FEATURES.map((name, i) => [name, i])) as Record<CountFeature, number>;
const ROOT_COLUMN: Record<RootKind, number> = {
  free: COLUMN.rootFree,
  border: COLUMN.rootBorder,
  corner: COLUMN.rootCorner,
  'shared-junction': COLUMN.rootSharedJunction,
  junction: COLUMN.rootJunction,
};

/**
 * Strands shorter than this are more likely pieces (of a hair broken at a crossing, of an opening or
 * a halo) the shorter they are: `piece` is 1 − length / 300 µm. On real train images, counted strands
 * under 150 µm had a marked hair near them for 6 % of them, 150–300 µm for 27–51 %, over 400 µm
 * for almost all (0.6.0; before, one step at 200 µm).
 */
const PIECE_UM = 300;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Feature rows, one per strand, in {@link COUNT_FEATURES} order (a flat array, `COUNT_FEATURES.length`
 * values per strand). Uncounted strands get a row of zeros.
 */
export function strandFeatures(strands: readonly StrandCountInput[], field: FieldCountInput): Float64Array {
  const k = COUNT_FEATURES.length;
  const rows = new Float64Array(strands.length * k);
  let counted = 0;
  const lengths = new Float64Array(strands.length);
  for (const s of strands) if (s.counted) lengths[counted++] = s.lengthPx;
  if (counted === 0) return rows;
  const sorted = lengths.subarray(0, counted).sort();
  const medianLength = sorted[counted >> 1]!;
  // Typical and long strands, in mm: short hair leaves siblings no room to part, long hair crosses
  // more often (the 90th percentile is nearer a whole hair, the median counts broken pieces too).
  const medianMm = clamp((medianLength * field.umPerWorkingPx) / 1000, 0, 3);
  const longMm = clamp((sorted[Math.floor(0.9 * counted)]! * field.umPerWorkingPx) / 1000, 0, 3.5);
  // Outside the fitted range a linear model extrapolates badly (a tiny test field with one hair
  // has a huge "density"), so the field terms are held to about the range of the fitting images.
  const resolution = clamp(field.umPerWorkingPx, 4, 16) / 10;
  const density = clamp(counted / Math.max(field.areaMm2, 1e-9), 0, 3);
  const coverage = clamp(field.coverage, 0, 0.3);
  // A strand much wider than the image's typical counted strand is shafts lying together (on real
  // 70× images, two siblings of a unit often read as one thick shaft).
  const widths = new Float64Array(counted);
  let nw = 0;
  for (const s of strands) if (s.counted && s.diameterUm > 0) widths[nw++] = s.diameterUm;
  const typicalWidth = nw ? widths.subarray(0, nw).sort()[nw >> 1]! : 0;
  const piecePx = PIECE_UM / field.umPerWorkingPx;
  // An image-level term shared out over the counted strands, so that the count stays a sum of strand
  // weights (the hairs are placed strand by strand): its column sums to the image's untraced root
  // points, at most 3 per counted strand (a field of texture scoring high must not explode the count).
  const untraced = clamp(field.untracedRoots / counted, 0, 3);
  strands.forEach((s, i) => {
    if (!s.counted) return;
    const o = i * k;
    rows[o + ROOT_COLUMN[s.root]] = 1;
    rows[o + COLUMN.resolution] = resolution;
    rows[o + COLUMN.density] = density;
    rows[o + COLUMN.level] = clamp(s.level, 1, 3) - 1;
    rows[o + COLUMN.attachedEnds] = s.attachedEnds;
    rows[o + COLUMN.coverage] = coverage;
    rows[o + COLUMN.vellus] = s.diameterUm < 30 ? 1 : 0;
    rows[o + COLUMN.short] = s.lengthPx < 0.5 * medianLength ? 1 : 0;
    rows[o + COLUMN.medianLength] = medianMm;
    rows[o + COLUMN.longLength] = longMm;
    rows[o + COLUMN.wide] = typicalWidth > 0 ? clamp(s.diameterUm / typicalWidth - 1, 0, 2) : 0;
    rows[o + COLUMN.piece] = Math.max(0, 1 - s.lengthPx / piecePx);
    // A root in the border band is already the border's own expected share (emergence.ts).
    rows[o + COLUMN.crossesBorder] = s.crossesBorder && s.root !== 'border' ? 1 : 0;
    rows[o + COLUMN.lowProbability] = 1 - clamp(s.probability, 0, 1);
    rows[o + COLUMN.untracedRoots] = untraced;
  });
  return rows;
}

/** Expected hairs per strand (never negative). */
export function strandWeights(rows: Float64Array, model: CountModel = COUNT_MODEL): Float64Array {
  const k = COUNT_FEATURES.length;
  const n = rows.length / k;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += rows[i * k + j]! * model.coefficients[COUNT_FEATURES[j]!];
    weights[i] = Math.max(0, sum);
  }
  return weights;
}

/**
 * Whole hairs per strand adding up to the rounded total weight: each strand gets the whole part of
 * its weight, and the remaining hairs go to the largest remainders (a strand weighing 0.9 is more
 * likely a hair than one weighing 0.3; ties go to the earlier strand).
 */
export function allocateHairs(weights: Float64Array): Int32Array {
  const n = weights.length;
  const hairs = new Int32Array(n);
  let total = 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]!;
    hairs[i] = Math.floor(weights[i]!);
    given += hairs[i]!;
  }
  let left = Math.round(total) - given;
  if (left <= 0) return hairs;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => weights[i]! > hairs[i]!);
  order.sort((a, b) => weights[b]! - hairs[b]! - (weights[a]! - hairs[a]!) || a - b);
  for (const i of order) {
    if (left-- <= 0) break;
    hairs[i]!++;
  }
  return hairs;
}

/** Sums of the feature rows over strands: the fitting script's regressors for one image. */
export function featureSums(rows: Float64Array): Float64Array {
  const k = COUNT_FEATURES.length;
  const sums = new Float64Array(k);
  for (let i = 0; i < rows.length; i++) sums[i % k]! += rows[i]!;
  return sums;
}
