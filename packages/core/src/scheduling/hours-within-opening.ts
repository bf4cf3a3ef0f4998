import { formatLocalTime, parseLocalTime } from './local-calendar';
import { mergeIntervals, subtractIntervals } from './working-hours';

/** A weekly window in clinic-local wall time (`end` may be `24:00`). */
export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface HoursOutsideOpening {
  /** Index of the working-hours window in the input list. */
  index: number;
  weekday: number;
  /** The window begins while the location is closed (so its start has to move, else its end). */
  startsClosed: boolean;
  /** The parts of the window when the location is closed, e.g. `["07:00–09:00"]`. */
  closedParts: string[];
  /** The location's opening hours that weekday, e.g. `["09:00–17:00"]`; empty when closed all day. */
  openThatDay: string[];
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const span = (a: number, b: number) => `${formatLocalTime(a)}–${formatLocalTime(b)}`;

/**
 * Working hours at one location that are not covered by its opening hours. A provider scheduled
 * while the clinic is closed would be offered to patients for times nobody can let them in.
 */
export function hoursOutsideOpening(
  hours: readonly WeeklyWindow[],
  opening: readonly WeeklyWindow[],
): HoursOutsideOpening[] {
  const openBy = new Map<number, [number, number][]>();
  for (const o of opening) {
    const list = openBy.get(o.weekday) ?? [];
    list.push([parseLocalTime(o.start), parseLocalTime(o.end)]);
    openBy.set(o.weekday, list);
  }
  const out: HoursOutsideOpening[] = [];
  hours.forEach((h, index) => {
    const open = mergeIntervals(openBy.get(h.weekday) ?? []);
    const start = parseLocalTime(h.start);
    const closed = subtractIntervals([[start, parseLocalTime(h.end)]], open);
    if (closed.length === 0) return;
    out.push({
      index,
      weekday: h.weekday,
      startsClosed: closed[0]![0] === start,
      closedParts: closed.map(([a, b]) => span(a, b)),
      openThatDay: open.map(([a, b]) => span(a, b)),
    });
  });
  return out;
}

/** "Monday 07:00–09:00 (open 09:00–17:00)" or "Sunday 10:00–14:00 (closed all day)". */
export function describeOutsideOpening(v: HoursOutsideOpening): string {
  const open = v.openThatDay.length ? `open ${v.openThatDay.join(', ')}` : 'closed all day';
  return `${WEEKDAYS[v.weekday]} ${v.closedParts.join(', ')} (${open})`;
}
