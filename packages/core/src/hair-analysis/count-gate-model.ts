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
  over: { bias: 6.1217, weights: [0.019069, 0.64824, -9.2697] },
  under: { bias: -9.2564, weights: [0.90117, 0.53797, 2.4397, -4.8682, 28.129] },
  threshold: -1.6984,
};
