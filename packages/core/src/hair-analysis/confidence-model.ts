/**
 * Written by `npm run fit:confidence -- --real DIR --save` (bench/fit-confidence.ts); do not edit by hand.
 * Coefficients over confidenceFeatures(): [1, unexplainedShare, shortShare, inferredShare, overlayTouch, 1/hairs].
 */
export const CONFIDENCE_MODEL = {
  fittedOn: '300 real train-split images (FDU, 70×) and 100 synthetic images (seeds 4000–4099, varied scalp)',
  floor: 0.05,
  coefficients: [0.12949, 0.035752, -0.065415, -0.043196, 0.17635, 0.4094],
  interval: { below: 1.513, above: 1.746 },
};
