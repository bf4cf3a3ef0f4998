/**
 * Written by `npm run fit:count-gate -- --real DIR --save` (bench/fit-count-gate.ts); do not edit by hand.
 * Logistic weights over gateFeatures() (uncountedPerHair, extraStrandsPerPiece, meanProbability), raw units;
 * `threshold` is on the logit: above it the count is likely more than 50 % off.
 */
export const COUNT_GATE_MODEL = {
  fittedOn:
    '992 real train-split images (FDU, 70×) and 40 synthetic images (seeds 4000–4039, varied scalp), 5-fold cross-validated by patient',
  bias: 9.7634,
  weights: [0.77303, 2.1326, -15.714],
  threshold: -3.185,
};
