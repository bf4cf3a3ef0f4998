/**
 * Written by `npx tsx bench/fit-root-end.ts --rows FILE --save`; do not edit by hand.
 * Weights over rootEndFeatures() (root-end.ts), no intercept.
 */
export const ROOT_END_MODEL = {
  fittedOn: '6716 strands of real train-split images (FDU, 70×)',
  weights: [2.0889, 2.3827, -0.4167, 1.3563, -1.1577, -0.19859, -0.23037],
};
