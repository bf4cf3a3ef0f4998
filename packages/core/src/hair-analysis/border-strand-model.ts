/**
 * Written by `npx tsx bench/fit-border-strands.ts --rows FILE --save`; do not edit by hand.
 * Standardised logistic model over borderStrandFeatures() (border-strands.ts).
 */
export const BORDER_STRAND_MODEL = {
  fittedOn: '1794 counted border strands of 992 real train-split images (FDU, 70×)',
  keep: 0,
  mean: [0, 0.15719, 0.94497, 1.3669, 0.82844, 0.80812, 0.29634, 0.51178, 1.2037, 0.82441, 0.054069, 0.12152],
  sd: [1, 0.36398, 0.062594, 0.5237, 0.26213, 0.6475, 0.65969, 0.83629, 0.2523, 0.38047, 0.22615, 0.32673],
  weights: [
    -1.1128, -0.13431, 0.9032, 0.98824, 0.078508, 0.16089, 0.096122, 0.048744, -0.17667, 0.16228, 0.068673,
    -0.23651,
  ],
};
