import type { Effect } from './schema';

export interface EffectBand {
  /** Where a person at `baseline` would be if they matched the published average. */
  expected: number;
  /** Confidence-interval edges in the same unit, when published. */
  low?: number;
  high?: number;
  /** Where the trial's comparison group ended up, when published. */
  control?: number;
  /** Time point of the published result; null when the source pools different durations. */
  weeks: number | null;
  /** `change-from-baseline` results are what one person might see; `difference-vs-control` results are the extra over a placebo or control arm. */
  comparison: Effect['comparison'];
}

/**
 * Converts a published effect into a reference band on a person's own chart, in the unit of their
 * measurement (hairs/cm² or hair count). `percent-change-hair-count` scales the baseline;
 * `hairs-per-cm2` adds to a density baseline. Returns null for effects that cannot be placed on a
 * personal chart (standardised mean differences, share of responders) or for a non-positive baseline.
 */
export function effectBand(
  effect: Pick<Effect, 'value' | 'ciLow' | 'ciHigh' | 'controlValue' | 'unit' | 'weeks' | 'comparison'>,
  baseline: number,
  baselineUnit: 'hairs-per-cm2' | 'hair-count',
): EffectBand | null {
  if (!(baseline > 0)) return null;
  let apply: (v: number) => number;
  if (effect.unit === 'percent-change-hair-count') apply = (v) => baseline * (1 + v / 100);
  else if (effect.unit === 'hairs-per-cm2' && baselineUnit === 'hairs-per-cm2') apply = (v) => baseline + v;
  else return null;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    expected: round(apply(effect.value)),
    ...(effect.ciLow !== undefined ? { low: round(apply(effect.ciLow)) } : {}),
    ...(effect.ciHigh !== undefined ? { high: round(apply(effect.ciHigh)) } : {}),
    ...(effect.controlValue !== undefined ? { control: round(apply(effect.controlValue)) } : {}),
    weeks: effect.weeks,
    comparison: effect.comparison,
  };
}
