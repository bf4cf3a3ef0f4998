/** SALT region weights in percent of scalp area: top (vertex) 40, back 24, each side 18. */
export const SALT_WEIGHTS = { top: 40, back: 24, left: 18, right: 18 } as const;

export interface SaltRegions {
  /** Percent of hair lost in each region, 0–100. */
  top: number;
  back: number;
  left: number;
  right: number;
}

/**
 * Severity of Alopecia Tool score: the percent of the whole scalp without hair, 0–100,
 * = 0.40·top + 0.24·back + 0.18·left + 0.18·right. Rounded to one decimal.
 */
export function computeSaltScore(r: SaltRegions): number {
  const weighted =
    SALT_WEIGHTS.top * r.top +
    SALT_WEIGHTS.back * r.back +
    SALT_WEIGHTS.left * r.left +
    SALT_WEIGHTS.right * r.right;
  return Math.round(weighted / 10) / 10;
}

export type SaltBand = 'S0' | 'S1' | 'S2' | 'S3' | 'S4' | 'S5';

/** Olsen severity bands: S0 none, S1 <25, S2 25–49, S3 50–74, S4 75–99, S5 100 (total scalp loss). */
export function saltBand(score: number): SaltBand {
  if (score <= 0) return 'S0';
  if (score < 25) return 'S1';
  if (score < 50) return 'S2';
  if (score < 75) return 'S3';
  if (score < 100) return 'S4';
  return 'S5';
}
