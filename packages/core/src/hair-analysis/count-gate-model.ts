/**
 * Written by `npm run fit:count-gate -- --real DIR --save` (bench/fit-count-gate.ts); do not edit by hand.
 * Logistic weights, raw units: `over` over overFeatures() (uncountedPerHair, extraStrandsPerPiece, meanProbability, freeEndsPerHair, logHairs), the chance of
 * more than 35 % too many; `under` over underFeatures() (maskPerHair, rootPointsPerHair, piecesPerHair, edgeSlope, expectedError), of that far too
 * few. `threshold` is on the logit of their summed chance, the lowest whose out-of-fold flags stay within
 * 18 % of the real train images. `interval`: the count interval's widths in expected errors,
 * each side widened by `1 + widen · chance` of the error that puts the true count there (gateInterval).
 */
export const COUNT_GATE_MODEL = {
  fittedOn:
    '992 real train-split images (FDU, 70×) and 40 synthetic images (seeds 4000–4039, varied scalp), 5-fold cross-validated by patient',
  over: { bias: 8.7399, weights: [-0.30986, 0.8847, -9.4821, -1.6901, -0.12221] },
  under: { bias: -9.2557, weights: [0.90146, 0.53656, 2.4398, -4.8688, 28.13] },
  threshold: -1.5993,
  interval: { below: 0.8825, above: 1.428, widen: 8 },
};
