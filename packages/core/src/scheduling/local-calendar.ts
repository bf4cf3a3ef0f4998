import type { IsoWeekday } from './types';

/** Milliseconds per minute / day; all hot-path arithmetic is integer ms or minutes. */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/**
 * Parses a clinic-local `YYYY-MM-DD` into a day number (days since 1970-01-01 on the proleptic
 * Gregorian calendar). Throws RangeError on malformed or impossible dates (e.g. `2026-02-30`).
 */
export function parseLocalDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Malformed date "${date}", expected YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Impossible date "${date}"`);
  }
  return ms / DAY_MS;
}

/** Formats a day number back to `YYYY-MM-DD`. */
export function formatLocalDate(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${dd}`;
}

/**
 * Parses `HH:MM` into minutes after local midnight (0…1440; `24:00` = 1440 for "end of day").
 * Throws RangeError when malformed.
 */
export function parseLocalTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Malformed time "${time}", expected HH:MM`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) throw new RangeError(`Impossible time "${time}"`);
  return h * 60 + min;
}

/** Formats minutes after midnight as `HH:MM`. */
export function formatLocalTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes - h * 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** ISO weekday (Monday = 1) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}
