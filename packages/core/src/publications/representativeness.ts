import { quantileSorted } from '../outcomes/statistics';

/** Fewer patients than this and the clinic has no spread to compare with (as the outcomes figures). */
export const MIN_PATIENTS_FOR_RANGE = 5;

/**
 * The clinic's 10th–90th percentile of density change at the follow-up month closest to `months`,
 * from the outcomes figures' per-month distributions; null from fewer than 5 patients.
 */
export function clinicChangeRange(
  density: readonly { month: number; changes: readonly number[] }[],
  months: number,
): { month: number; p10: number; p90: number; n: number } | null {
  const nearest = [...density].sort((a, b) => Math.abs(a.month - months) - Math.abs(b.month - months))[0];
  if (!nearest || nearest.changes.length < MIN_PATIENTS_FOR_RANGE) return null;
  const sorted = [...nearest.changes].sort((a, b) => a - b);
  return {
    month: nearest.month,
    p10: quantileSorted(sorted, 0.1)!,
    p90: quantileSorted(sorted, 0.9)!,
    n: sorted.length,
  };
}

/** A pair lies outside the clinic's own spread when its change is below P10 or above P90. */
export const isOutsideRange = (change: number, range: { p10: number; p90: number } | null): boolean =>
  range !== null && (change < range.p10 || change > range.p90);

/** Whole average months (30.4375 days) from `from` to `to`, one decimal. */
export function monthsBetween(from: number, to: number): number {
  return Math.round(((to - from) / (30.4375 * 86_400_000)) * 10) / 10;
}
