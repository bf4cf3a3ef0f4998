import { localToUtc } from '@anagen/core/scheduling';

const DAY_MS = 86_400_000;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Every date from `start` to `end`, inclusive. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The UTC instant of a local wall time; a time inside a spring-forward gap moves to the first
 * instant after the gap (a gap is at most 2 h, so one of the next two hours exists).
 */
export function wallInstant(zone: string, date: string, time: string): number {
  const exact = localToUtc(zone, date, time);
  if (exact !== null) return exact;
  for (const step of [30, 60, 90, 120]) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const t = h * 60 + m + step;
    const shifted = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    const at = t <= 1440 ? localToUtc(zone, date, shifted) : null;
    if (at !== null) return at;
  }
  return Date.parse(`${date}T${time}:00Z`);
}

/** Half-open UTC range `[from, to)` covering whole local days `startDate`…`endDate`. */
export function localDaysRange(zone: string, startDate: string, endDate: string): [number, number] {
  return [wallInstant(zone, startDate, '00:00'), wallInstant(zone, addDays(endDate, 1), '00:00')];
}
