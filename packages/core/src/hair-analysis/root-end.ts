import { ROOT_END_MODEL } from './root-end-model';
import type { StrandEnd } from './trace-strands';

/**
 * Which end of a strand lying fully inside the frame is its root, given the end the rules chose
 * (emergence.ts: the ends' evidence and the field's growth direction) and the ends' own evidence.
 * A logistic model over differences between the two ends (symmetric: swapping the ends flips the
 * sign), fitted on the FDU train split by bench/fit-root-end.ts: there the rules chose the marked
 * root for 93 % of such strands, the model for 95 %. Positive: the start is the root.
 */
export function rootEndFeatures(
  start: StrandEnd,
  end: StrandEnd,
  chosenStart: boolean,
  halo: readonly [number, number],
  bulge: readonly [number, number],
): number[] {
  const kind = (e: StrandEnd) => [
    e.kind === 'free' ? 1 : 0,
    e.kind === 'junction' ? 1 : 0,
    e.kind === 'corner' ? 1 : 0,
    Math.min(3, e.unpaired),
  ];
  const a = kind(start);
  const b = kind(end);
  return [
    chosenStart ? 1 : -1,
    (halo[0] - halo[1]) * 10,
    Math.min(3, bulge[0]) - Math.min(3, bulge[1]),
    ...a.map((v, i) => v - b[i]!),
  ];
}

/** True when the start is the root. */
export function rootAtStart(
  start: StrandEnd,
  end: StrandEnd,
  chosenStart: boolean,
  halo: readonly [number, number],
  bulge: readonly [number, number],
  weights: readonly number[] = ROOT_END_MODEL.weights,
): boolean {
  const f = rootEndFeatures(start, end, chosenStart, halo, bulge);
  let z = 0;
  for (let j = 0; j < f.length; j++) z += f[j]! * weights[j]!;
  return z === 0 ? chosenStart : z > 0;
}
