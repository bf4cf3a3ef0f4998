/**
 * Written by `npm run fit:count-gate -- --real DIR --save` (bench/fit-count-gate.ts); do not edit by hand.
 * Logistic weights over gateFeatures() (uncountedPerHair, strandsPerPiece, meanProbability), raw units;
 * `threshold` is on the logit: above it the count is likely more than 50 % off.
 */
export const COUNT_GATE_MODEL = {
  fittedOn: '992 real train-split images (FDU, 70×), 5-fold cross-validated by patient',
  bias: 5.3618,
  weights: [1.2978, 1.574, -12.642],
  threshold: -3.1395,
};
