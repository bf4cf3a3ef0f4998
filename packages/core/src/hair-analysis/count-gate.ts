import { COUNT_GATE_MODEL } from './count-gate-model';
import type { QualityIssue } from './types';

/**
 * Whether an image's count may be far off (more than 50 % on real images whose hairs people
 * marked). On the FDU train split such images are mostly sparse fields (4–10 marked hairs) that
 * the engine overcounts by a handful: thick shafts whose bright reflex or halo broke the mask into
 * several strands, pieces and junk along a unit, strands the classifier doubted. What shows this is
 * how broken up the tracing is, not the expected relative error (confidence.ts), which separated
 * them little. A logistic model (count-gate-model.ts, `npm run fit:count-gate`) reads three ratios
 * that do not depend on the field size, the crowding or the calibration, so that other devices and
 * small changes to the stages before move them little.
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
}

/** Logistic weights over gateFeatures() and the logit above which the count is flagged. */
export interface CountGateModel {
  bias: number;
  weights: readonly number[];
  threshold: number;
}

/** Names of gateFeatures()' entries, in order (the fit writes its weights in this order). */
export const GATE_FEATURE_NAMES = ['uncountedPerHair', 'extraStrandsPerPiece', 'meanProbability'] as const;

/** The gate's features, in GATE_FEATURE_NAMES order. */
export function gateFeatures(g: GateInputs): number[] {
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
  ];
}

/** The gate's logit: above the model's threshold the count is likely more than 50 % off. */
export function gateScore(g: GateInputs, model: CountGateModel = COUNT_GATE_MODEL): number {
  const x = gateFeatures(g);
  let s = model.bias;
  for (let j = 0; j < x.length; j++) s += x[j]! * (model.weights[j] ?? 0);
  return s;
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
export function gateIssues(g: GateInputs, model: CountGateModel = COUNT_GATE_MODEL): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (g.hairCount === 0) return issues;
  if (g.hairCount < FEW_HAIRS) issues.push('few-hairs');
  if (gateScore(g, model) > model.threshold) issues.push('uncertain-count');
  return issues;
}
