import { quantileSorted, shareOrNull, sortedAsc } from './statistics';

/**
 * Summary of the patients' own global assessment of change (−3…+3) at one time point: the median,
 * the count of each answer, and the share answering moderately or much better (+2, +3).
 */
export function summarisePatientReported(month: number, answers: readonly number[]) {
  const sorted = sortedAsc(answers);
  const counts = [-3, -2, -1, 0, 1, 2, 3].map((v) => sorted.filter((a) => a === v).length);
  return {
    month,
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    counts,
    betterShare: shareOrNull(sorted.filter((a) => a >= 2).length, sorted.length),
  };
}
