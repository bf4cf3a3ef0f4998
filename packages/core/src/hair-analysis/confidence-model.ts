/**
 * Written by `npm run fit:confidence -- --real DIR --save` (bench/fit-confidence.ts); do not edit by hand.
 * Coefficients over confidenceFeatures(): [1, unexplainedShare, shortShare, inferredShare, overlayTouch, 1/hairs].
 */
export const CONFIDENCE_MODEL = {
  fittedOn: '300 real train-split images (FDU, 70×) and 100 synthetic images (seeds 4000–4099, varied scalp)',
  floor: 0.05,
  coefficients: [0.12493, 0.087175, -0.10744, -0.053421, 0.31908, 0.36003],
  interval: { below: 1.363, above: 1.965 },
};
