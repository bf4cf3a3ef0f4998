import { countInterval } from './confidence';
import { COUNT_GATE_MODEL } from './count-gate-model';
import type { QualityIssue } from './types';

/**
 * Whether an image's count may be far off (more than 50 % on real images whose hairs people
 * marked). It goes wrong two ways, read by two small logistic models (count-gate-model.ts,
 * `npm run fit:count-gate`):
 *
 * - **Overcounts** (most of the FDU train split's bad counts): sparse fields where thick shafts
 *   whose bright reflex or halo broke the mask into several strands, pieces and junk along a unit,
 *   and strands the classifier doubted add a handful of hairs. What shows this is how broken up the
 *   tracing is: strands left out per hair, strands beyond the hairs per mask piece, the mean shaft
 *   probability of the counted strands, and few free ends per hair (a hair traced whole has two).
 * - **Undercounts**: blurred fields, halos and follicular units of clipped thick hairs lying
 *   together, traced as one strand for two or three hairs. What shows this is that the engine's
 *   independent estimates of how many hairs there are disagree with the count: much shaft mask per
 *   hair counted, more root points (root-points.ts) and more mask pieces than hairs, soft shaft
 *   edges (the blur gate's edge slope, above its own limit) and a high expected error.
 *
 * Each model reads ratios that do not depend on the field size or the calibration, so that other
 * devices and small changes to the stages before move them little; the one exception is the log of
 * the count on the overcount side, which says how many free ends per hair a field of that many hairs
 * should have. The gate's chance is the sum of
 * the two (the two errors exclude each other).
 */
export interface GateInputs {
  hairCount: number;
  /** Strands traced, counted or not (after the length filter). */
  strands: number;
  /** Strands that carry at least one counted hair. */
  countedStrands: number;
  /** Connected pieces of the shaft mask of at least 100 × 40 µm (gate-features.ts). */
  components: number;
  /** Mean shaft probability along the counted strands (1 when none). */
  meanProbability: number;
  /** Area of the shaft mask, µm². */
  maskUm2: number;
  /** Root points the detector kept (root-points.ts peaks), an estimate of the hairs independent of the strands. */
  rootPoints: number;
  /** Median relative edge slope of the counted shafts (image-quality.ts), null when fewer than three. */
  edgeSlope: number | null;
  /** The confidence model's expected relative error of the count (confidence.ts). */
  expectedError: number;
  /**
   * Free ends (neither at the frame, a junction nor a split corner) of the strands the placement
   * put a hair on (a strand the rules did not count may carry one): a hair traced whole on its own
   * has two.
   */
  freeEnds: number;
}

/** One side's logistic weights over its features, raw units. */
interface GateSide {
  bias: number;
  weights: readonly number[];
}

/** The two sides' models and the logit of their summed chance above which the count is flagged. */
export interface CountGateModel {
  over: GateSide;
  under: GateSide;
  threshold: number;
  /**
   * The count interval's widths in expected errors below and above the count, each side widened by
   * `1 + widen · chance` of the error that puts the true count there (gateInterval).
   */
  interval: { below: number; above: number; widen: number };
}

/** Names of overFeatures()' entries, in order (the fit writes its weights in this order). */
export const OVER_FEATURE_NAMES = [
  'uncountedPerHair',
  'extraStrandsPerPiece',
  'meanProbability',
  'freeEndsPerHair',
  'logHairs',
] as const;
/** Names of underFeatures()' entries, in order. */
export const UNDER_FEATURE_NAMES = [
  'maskPerHair',
  'rootPointsPerHair',
  'piecesPerHair',
  'edgeSlope',
  'expectedError',
] as const;

/**
 * The edge slope read when too few shafts were measured for one: a sharp image's (image-quality.ts
 * says sharp images give ≳ 0.3), so that the missing measure does not by itself say "blurred".
 */
const SHARP_EDGE_SLOPE = 0.3;

/** The overcount side's features, in OVER_FEATURE_NAMES order. */
export function overFeatures(g: GateInputs): number[] {
  return [
    // Strands left out (pieces, halo edges, hairs from outside) per counted hair: much left out
    // means much was uncertain, and some of it was not left out.
    (g.strands - g.countedStrands) / Math.max(1, g.hairCount),
    // Strands beyond the hairs counted, per mask piece: a hair or unit traced as several strands
    // (reflex splits, ladders of pieces). Not strands per piece, which grows with crowding alone
    // (in a dense field many hairs share a piece): on synthetic crowded fields that flagged a
    // quarter of good counts.
    (g.strands - g.hairCount) / Math.max(1, g.components),
    g.meanProbability,
    // Free ends per hair counted: two for a hair traced whole on its own. Hairs counted on pieces of
    // a shaft (ends at junctions and split corners), on strands cut by the frame (often not marked
    // on FDU fields) and beside a sibling on one strand bring fewer. On train (decision 080) it took
    // the out-of-fold bad counts left ok from 12 to 8 at the same 18 % flagged.
    g.freeEnds / Math.max(1, g.hairCount),
    // Log of the hairs counted, read with the free ends: in a crowded field crossings end strands
    // at junctions, so few free ends per hair are expected there, and a few extra hairs are a small
    // share of a large count. Without it the free ends flagged crowded synthetic fields counted
    // within 11 % (2 more of the 40 fitting ones).
    Math.log(Math.max(1, g.hairCount)),
  ];
}

/** The undercount side's features, in UNDER_FEATURE_NAMES order. */
export function underFeatures(g: GateInputs): number[] {
  const hairs = Math.max(1, g.hairCount);
  return [
    // Shaft mask per hair counted, log of units of 0.01 mm² (a 70× terminal hair in the field is
    // a few such units): hairs lying together as one broad shaft leave much mask per hair.
    Math.log(Math.max(1, g.maskUm2) / hairs / 1e4),
    // Root points per hair (log, +1 each side so that small fields stay finite): an estimate of the
    // hairs that does not come from the strands; more of them than hairs means hairs merged.
    Math.log((g.rootPoints + 1) / (g.hairCount + 1)),
    // Mask pieces per hair (log): more pieces than hairs counted means pieces went uncounted.
    Math.log((g.components + 1) / (g.hairCount + 1)),
    // Soft shaft edges: a blurred field merges neighbouring hairs and loses faint ones.
    g.edgeSlope ?? SHARP_EDGE_SLOPE,
    // The confidence model's expected error, high on sparse fields and much unexplained mask: on
    // train it sharpened the undercount side (out-of-fold log-loss 0.130 → 0.118), not the overcount
    // side (decision 067).
    g.expectedError,
  ];
}

const side = (m: GateSide, x: readonly number[]) => {
  let s = m.bias;
  for (let j = 0; j < x.length; j++) s += x[j]! * (m.weights[j] ?? 0);
  return s;
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** What the flag reads of the model (not the interval's widths). */
type GateRule = Pick<CountGateModel, 'over' | 'under' | 'threshold'>;

/** The two sides' chances: of the count more than the fit's label too high (`over`) and too low. */
function gateChances(
  g: GateInputs,
  model: Pick<CountGateModel, 'over' | 'under'> = COUNT_GATE_MODEL,
): { over: number; under: number } {
  return {
    over: sigmoid(side(model.over, overFeatures(g))),
    under: sigmoid(side(model.under, underFeatures(g))),
  };
}

/**
 * The gate's logit: of the chance that the count is off by more than the fit's label (over or under,
 * the two chances summed). Above the model's threshold the count is flagged.
 */
export function gateScore(g: GateInputs, model: GateRule = COUNT_GATE_MODEL): number {
  const { over, under } = gateChances(g, model);
  const p = Math.min(1 - 1e-9, over + under);
  return Math.log(p / (1 - p));
}

/**
 * The count interval (confidence.ts, countInterval) with each side widened where the gate doubts
 * the count that way: the true count lies below a count the gate thinks too high, above one it
 * thinks too low. The widths are fitted with the chances (bench/fit-count-gate.ts), so the interval
 * narrows where the gate sees nothing wrong: on train, out of fold, the same share of true counts
 * inside it for a narrower interval on average (decision 080).
 */
export function gateInterval(
  hairCount: number,
  expectedError: number,
  g: GateInputs,
  model: CountGateModel = COUNT_GATE_MODEL,
): [number, number] {
  const { over, under } = gateChances(g, model);
  return widenedInterval(hairCount, expectedError, model.interval, over, under);
}

/**
 * The widening rule itself, from the two sides' chances: the one rule the engine applies and
 * bench/fit-count-gate.ts fits the widths for (with out-of-fold chances).
 */
export function widenedInterval(
  hairCount: number,
  expectedError: number,
  { below, above, widen }: CountGateModel['interval'],
  over: number,
  under: number,
): [number, number] {
  return countInterval(hairCount, expectedError, {
    below: below * (1 + widen * over),
    above: above * (1 + widen * under),
  });
}

/**
 * Fewer counted hairs than this give no reliable density: at 3–4 hairs in the field one hair more
 * or less (a sibling, a piece, a hair at the frame) is already 25–33 %, and the field is too small
 * a sample of the scalp. A stated limit, not fitted (it flags 2 of 992 FDU train images).
 */
export const FEW_HAIRS = 5;

/**
 * The gate's issues: `few-hairs` when the field holds too few hairs for a density, and
 * `uncertain-count` when the model's logit exceeds its threshold. An empty field is a plain answer.
 */
export function gateIssues(g: GateInputs, model: GateRule = COUNT_GATE_MODEL): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (g.hairCount === 0) return issues;
  if (g.hairCount < FEW_HAIRS) issues.push('few-hairs');
  if (gateScore(g, model) > model.threshold) issues.push('uncertain-count');
  return issues;
}
