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
  over: { bias: 7.7204, weights: [-0.98088, 2.3414, -11.299] },
  under: { bias: -9.5608, weights: [0.55614, 1.7152, 1.7158, -3.5152, 27.484] },
  threshold: -1.6057,
};
