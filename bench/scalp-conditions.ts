import { type SyntheticTrichoscopyOptions, variedScalp } from '../packages/core/src/hair-analysis/synthetic';
import { ALL_REALISM } from '../packages/core/src/hair-analysis/synthetic/realism';

export type ScalpConditions = Pick<
  SyntheticTrichoscopyOptions,
  'unitSizeWeights' | 'hairLengthMm' | 'realism'
>;

/**
 * Scalp conditions the generator otherwise holds fixed, by name, for the analysis bench and the
 * count-model fit: follicular-unit mixes (shares of units with 1, 2, 3, 4 hairs) and visible hair
 * lengths (mm). `varied` draws both per image (variedScalp); `mix` only the unit mix.
 */
export const SCALPS: Record<string, (seed: number) => ScalpConditions> = {
  usual: () => ({}),
  varied: variedScalp,
  mix: (seed) => ({ unitSizeWeights: variedScalp(seed).unitSizeWeights }),
  single: () => ({ unitSizeWeights: [1, 0, 0, 0] }),
  thinning: () => ({ unitSizeWeights: [0.6, 0.3, 0.09, 0.01] }),
  dense: () => ({ unitSizeWeights: [0.15, 0.45, 0.32, 0.08] }),
  long: () => ({ hairLengthMm: [0.8, 2] }),
  short: () => ({ hairLengthMm: [0.3, 0.8] }),
  // What real trichoscope images add: creases, flakes, halos, glare and device graphics (issue 18).
  realistic: (seed) => ({ ...variedScalp(seed), realism: ALL_REALISM }),
};

/** The name given with `--scalp` on the command line, or `fallback`. */
export function scalpOption(fallback: string): string {
  const i = process.argv.indexOf('--scalp');
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? fallback;
}

/** The named conditions, or an error listing the names. */
export function scalpConditions(name: string): (seed: number) => ScalpConditions {
  const conditions = SCALPS[name];
  if (!conditions) throw new Error(`--scalp must be one of ${Object.keys(SCALPS).join(', ')}`);
  return conditions;
}
