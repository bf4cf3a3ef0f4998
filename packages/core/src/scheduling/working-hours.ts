import { isoWeekday, parseLocalDate, parseLocalTime } from './local-calendar';
import type { ProviderSchedule } from './types';

/** Half-open `[start, end)` in minutes after local midnight. */
export type MinuteInterval = readonly [number, number];

interface DayException {
  wholeDayOff: boolean;
  extra: MinuteInterval[];
  off: MinuteInterval[];
}

/** A provider's hours parsed once per call, so per-day lookups are array/Map reads. */
export interface CompiledHours {
  /** Index 1…7 = ISO weekday; merged and sorted. */
  weekly: MinuteInterval[][];
  exceptions: Map<number, DayException>;
}

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(list: MinuteInterval[]): MinuteInterval[] {
  const sorted = list.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `base` minus every interval of `cut` (both merged and sorted). */
export function subtractIntervals(base: MinuteInterval[], cut: MinuteInterval[]): MinuteInterval[] {
  let out: MinuteInterval[] = base;
  for (const [cs, ce] of cut) {
    const next: MinuteInterval[] = [];
    for (const [s, e] of out) {
      if (ce <= s || cs >= e) next.push([s, e]);
      else {
        if (cs > s) next.push([s, cs]);
        if (ce < e) next.push([ce, e]);
      }
    }
    out = next;
  }
  return out;
}

function span(start: string, end: string): MinuteInterval {
  return [parseLocalTime(start), parseLocalTime(end)];
}

/**
 * Parses weekly hours and exceptions. Malformed dates/times throw RangeError; an interval whose end is
 * not after its start (overnight hours are not supported) is ignored, as is an `extra` without times.
 */
export function compileHours(provider: ProviderSchedule): CompiledHours {
  const weekly: MinuteInterval[][] = [[], [], [], [], [], [], [], []];
  for (const h of provider.weeklyHours) weekly[h.weekday]!.push(span(h.start, h.end));
  for (let d = 1; d <= 7; d++) weekly[d] = mergeIntervals(weekly[d]!);
  const exceptions = new Map<number, DayException>();
  for (const ex of provider.exceptions) {
    const day = parseLocalDate(ex.date);
    let e = exceptions.get(day);
    if (!e) {
      e = { wholeDayOff: false, extra: [], off: [] };
      exceptions.set(day, e);
    }
    const hasTimes = ex.start !== undefined && ex.end !== undefined;
    if (ex.kind === 'off' && !hasTimes) e.wholeDayOff = true;
    else if (hasTimes) (ex.kind === 'off' ? e.off : e.extra).push(span(ex.start!, ex.end!));
  }
  return { weekly, exceptions };
}

/**
 * Working intervals of one local date: weekly hours (dropped by a whole-day `off`) ∪ `extra`, minus
 * timed `off` windows. Merged and sorted, so slot alignment restarts at each resulting interval start.
 */
export function hoursOnDay(hours: CompiledHours, day: number): MinuteInterval[] {
  const base = hours.weekly[isoWeekday(day)]!;
  const ex = hours.exceptions.get(day);
  if (!ex) return base;
  const withExtra = mergeIntervals([...(ex.wholeDayOff ? [] : base), ...ex.extra]);
  return subtractIntervals(withExtra, mergeIntervals(ex.off));
}
