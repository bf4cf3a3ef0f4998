import { CONFIDENCE_MODEL } from './confidence-model';
import type { QualityIssue } from './types';

/**
 * How far to trust one image's count. The engine cannot know its error on an image, but some
 * things it sees go with large errors on images whose hairs people counted: much of the dark mask
 * explained by no counted hair (skin texture, flakes, halos that look like hair), many counted
 * hairs that are short pieces, hairs inferred rather than seen (siblings merged into one shaft),
 * graphics touching shafts, and few hairs (one miscount is a large share). A linear model over these
 * (confidence-model.ts, fitted by `npm run fit:confidence` on the train split of real images and on
 * synthetic ones) predicts the absolute relative count error; `confidence` maps it to 0–1.
 */
export interface ConfidenceInputs {
  /** µm per image pixel as given. */
  umPerPx: number;
  hairCount: number;
  /** Hairs per cm². */
  densityPerCm2: number;
  /** Mean diameter of counted hairs, µm (0 when none). */
  meanDiameterUm: number;
  /** Share of shaft-mask pixels on strands that were not counted (texture, pieces, hairs from outside). */
  unexplainedShare: number;
  /** Share of counted hairs from strands shorter than 200 µm. */
  shortShare: number;
  /** Share of counted hairs inferred beside a strand's own hair (merged siblings). */
  inferredShare: number;
  /** Share of the field covered by device graphics. */
  overlayShare: number;
  /** Share of shaft-mask pixels next to a graphic (a shaft the graphic may hide or cut). */
  overlayTouch: number;
}

/** Calibrations the engine was built and checked for (70× trichoscopes to 20× dermoscopes). */
const CALIBRATION_RANGE_UM = [2, 12] as const;
/**
 * The expected error at which `confidence` reaches 0.5. Until the count gate (count-gate.ts) this
 * was also the limit above which the count was flagged `uncertain-count`; the gate decides that now.
 */
export const MAX_TRUSTED_ERROR = 0.25;
/**
 * Share of real images whose true count may fall below the count interval, and the same share
 * above it: the interval is meant to hold the true count on 80 % of images like the fitting ones.
 */
export const INTERVAL_TAIL = 0.1;

/**
 * The range the true count is expected in (80 % of real fitting images): the count less `below`
 * and plus `above` expected errors, rounded outwards. The two sides are separate: the engine
 * overcounts sparse fields and undercounts crowded ones, by different amounts, so one ± figure
 * would mislead on one side. The engine reports it with the count gate's widths, each side widened
 * by the gate's chance of that error (count-gate.ts, gateInterval, decision 080); the confidence
 * fit's own widths (`CONFIDENCE_MODEL.interval`) are the baseline `fit:count-gate` compares with.
 */
export function countInterval(
  hairCount: number,
  expectedError: number,
  widths: { below: number; above: number },
): [number, number] {
  const spread = hairCount * expectedError;
  return [
    Math.max(0, Math.floor(hairCount - widths.below * spread)),
    Math.ceil(hairCount + widths.above * spread),
  ];
}

/** The model's inputs, in the order of CONFIDENCE_MODEL.coefficients. */
export function confidenceFeatures(c: ConfidenceInputs): number[] {
  return [
    1,
    c.unexplainedShare,
    c.shortShare,
    c.inferredShare,
    c.overlayTouch,
    // A few hairs more or fewer is a large share of a small count: the miscount is roughly a
    // number of hairs, not a share of them.
    1 / Math.max(1, c.hairCount),
  ];
}

function predictedError(c: ConfidenceInputs): number {
  const f = confidenceFeatures(c);
  let e = 0;
  for (let i = 0; i < f.length; i++) e += f[i]! * CONFIDENCE_MODEL.coefficients[i]!;
  return Math.max(CONFIDENCE_MODEL.floor, e);
}

/** Hard limits: outside them the figure is not to be trusted whatever the model says. */
export function plausibilityIssues(c: ConfidenceInputs): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (c.umPerPx < CALIBRATION_RANGE_UM[0] || c.umPerPx > CALIBRATION_RANGE_UM[1])
    issues.push('calibration-out-of-range');
  // Scalp hair density ranges up to ~300–400/cm² (more in some units); beyond 700 the engine is
  // counting something else.
  if (c.densityPerCm2 > 700) issues.push('implausible-count');
  if (c.hairCount > 0 && (c.meanDiameterUm < 12 || c.meanDiameterUm > 160)) issues.push('implausible-width');
  if (c.overlayShare > 0.3 || c.overlayTouch > 0.08) issues.push('overlay-not-removed');
  if (c.unexplainedShare > 0.6) issues.push('hair-like-texture');
  return issues;
}

export function assessConfidence(c: ConfidenceInputs): {
  confidence: number;
  expectedError: number;
  issues: QualityIssue[];
} {
  // No hair on a clean field (nothing dark left unexplained) is a plain answer, not a relative
  // error of an unknown size; with dark texture left over, plausibilityIssues says so.
  const expectedError = c.hairCount === 0 ? 0 : predictedError(c);
  const issues = plausibilityIssues(c);
  const confidence = issues.length
    ? Math.min(0.3, 1 - expectedError / (2 * MAX_TRUSTED_ERROR))
    : 1 - expectedError / (2 * MAX_TRUSTED_ERROR);
  return {
    confidence: Math.round(100 * Math.max(0, Math.min(1, confidence))) / 100,
    expectedError: Math.round(1000 * expectedError) / 1000,
    issues,
  };
}
