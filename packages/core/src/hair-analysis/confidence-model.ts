/**
 * Written by `npm run fit:confidence -- --real DIR --save` (bench/fit-confidence.ts); do not edit by hand.
 * Coefficients over confidenceFeatures(): [1, unexplainedShare, shortShare, inferredShare, overlayTouch, 1/hairs].
 */
export const CONFIDENCE_MODEL = {
  fittedOn: '300 real train-split images (FDU, 70×) and 60 synthetic images (seeds 4000–4059, varied scalp)',
  floor: 0.05,
  coefficients: [0.07961, 0.078986, -0.069284, 0.16665, -0.17486, 0.97076],
  interval: { below: 1, above: 1 },
};
