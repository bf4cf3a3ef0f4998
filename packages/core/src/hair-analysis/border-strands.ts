import { BORDER_STRAND_MODEL } from './border-strand-model';

/**
 * Whether a strand cut by the frame is a hair rooted inside it. The FDU annotators mark only hairs
 * whose root is in the frame; engine 0.4 counted a cut strand whenever its inner end looked like a
 * root or pointed along the growth direction, and on the FDU train split two of three such counted
 * strands had no marked root near the chosen point (hairs entering from outside, pieces). A logistic
 * model over what the strand shows (bench/fit-border-strands.ts, fitted on train only) gives the
 * probability that the chosen point is a marked root; below BORDER_KEEP the strand is not counted.
 */
export interface BorderStrandEvidence {
  /** The emergence point is the border end (the border-band rule), not the inner end. */
  rootAtBorder: boolean;
  /** Mean shaft probability along the strand (pixel classifier). */
  probability: number;
  lengthUm: number;
  radiusUm: number;
  /** Red-channel darkness of the skin ring around the inner and the border end (follicle halo). */
  haloInner: number;
  haloOuter: number;
  /** Widest half-width near the inner end ÷ the shaft's. */
  bulgeInner: number;
  innerKind: 'free' | 'junction' | 'corner' | 'border';
}

export function borderStrandFeatures(e: BorderStrandEvidence): number[] {
  return [
    1,
    e.rootAtBorder ? 1 : 0,
    e.probability,
    Math.log(Math.max(1, e.lengthUm) / 100),
    e.radiusUm / 50,
    e.haloInner * 10,
    e.haloOuter * 10,
    (e.haloInner - e.haloOuter) * 10,
    Math.min(3, e.bulgeInner),
    e.innerKind === 'free' ? 1 : 0,
    e.innerKind === 'junction' ? 1 : 0,
    e.innerKind === 'corner' ? 1 : 0,
  ];
}

export function borderRootProbability(
  e: BorderStrandEvidence,
  model: { mean: readonly number[]; sd: readonly number[]; weights: readonly number[] } = BORDER_STRAND_MODEL,
): number {
  const f = borderStrandFeatures(e);
  let z = 0;
  for (let j = 0; j < f.length; j++)
    z += (j === 0 ? 1 : (f[j]! - model.mean[j]!) / model.sd[j]!) * model.weights[j]!;
  return 1 / (1 + Math.exp(-z));
}
