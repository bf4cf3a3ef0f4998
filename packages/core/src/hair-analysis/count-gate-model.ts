/**
 * Written by `npm run fit:count-gate -- --real DIR --save` (bench/fit-count-gate.ts); do not edit by hand.
 * Logistic weights, raw units: `over` over overFeatures() (uncountedPerHair, extraStrandsPerPiece, meanProbability), the chance of
 * more than 35 % too many; `under` over underFeatures() (maskPerHair, rootPointsPerHair, piecesPerHair, edgeSlope, expectedError), of that far too
 * few. `threshold` is on the logit of their summed chance, the lowest whose out-of-fold flags stay within
 * 18 % of the real train images.
 */
export const COUNT_GATE_MODEL = {
  fittedOn:
    '992 real train-split images (FDU, 70×) and 40 synthetic images (seeds 4000–4039, varied scalp), 5-fold cross-validated by patient',
  over: { bias: 13.508, weights: [0.26416, 1.2511, -17.521] },
  under: { bias: -12.123, weights: [1.4414, 1.7799, 0.50717, -2.8884, 30.269] },
  threshold: -1.2564,
};
