import type { BusyInterval } from './types';

/** Merged, sorted, non-touching busy time as parallel arrays of UTC epoch ms (half-open). */
export interface BlockedTimes {
  starts: number[];
  ends: number[];
}

/**
 * Merges the busy intervals that overlap `[windowStart, windowEnd)` into a sorted disjoint list.
 * Cost O(n log n) in the intervals inside the window.
 */
export function buildBlockedTimes(
  intervals: readonly BusyInterval[],
  windowStart: number,
  windowEnd: number,
): BlockedTimes {
  const inWindow = intervals.filter((b) => b.end > windowStart && b.start < windowEnd && b.end > b.start);
  inWindow.sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const b of inWindow) {
    const last = ends.length - 1;
    if (last >= 0 && b.start <= ends[last]!) {
      if (b.end > ends[last]!) ends[last] = b.end;
    } else {
      starts.push(b.start);
      ends.push(b.end);
    }
  }
  return { starts, ends };
}
