/**
 * Written by `npm run fit:confidence -- --real DIR --save` (bench/fit-confidence.ts); do not edit by hand.
 * Coefficients over confidenceFeatures(): [1, unexplainedShare, shortShare, inferredShare, overlayTouch, 1/hairs].
 */
export const CONFIDENCE_MODEL = {
  fittedOn: '300 real train-split images (FDU, 70×) and 100 synthetic images (seeds 4000–4099, varied scalp)',
  floor: 0.05,
  coefficients: [0.095309, 0.13759, -0.036569, -0.041488, 0.14295, 0.65855],
  interval: { below: 1.492, above: 1.95 },
};
