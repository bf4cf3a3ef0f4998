import {
  DAY_MS,
  formatLocalDate,
  formatLocalTime,
  MINUTE_MS,
  parseLocalDate,
  parseLocalTime,
} from './local-calendar';
import type { LocalDate, LocalTime } from './types';
import { getZoneOffsets, offsetAt, wallToUtc } from './zone-offsets';

/** A UTC instant as the clinic's wall clock shows it. */
export interface LocalDateTime {
  date: LocalDate;
  time: LocalTime;
  /** Minutes east of UTC at that instant (e.g. −420 for PDT). */
  offsetMinutes: number;
}

/**
 * The UTC instant (epoch ms) of a clinic-local date and time, or `null` when that wall time does not
 * exist (spring-forward gap). An ambiguous fall-back time resolves to its FIRST occurrence, the same
 * rule slots use. Throws RangeError on malformed input or an unknown zone.
 */
export function localToUtc(timeZone: string, date: LocalDate, time: LocalTime): number | null {
  const wall = parseLocalDate(date) * DAY_MS + parseLocalTime(time) * MINUTE_MS;
  return wallToUtc(getZoneOffsets(timeZone, wall - DAY_MS, wall + DAY_MS), wall);
}

/** The clinic-local date, time (minute precision, truncated) and offset of a UTC instant. */
export function utcToLocal(timeZone: string, utcMs: number): LocalDateTime {
  const offsetMinutes = offsetAt(getZoneOffsets(timeZone, utcMs - DAY_MS, utcMs + DAY_MS), utcMs);
  const wallMinutes = Math.floor((utcMs + offsetMinutes * MINUTE_MS) / MINUTE_MS);
  const day = Math.floor(wallMinutes / 1440);
  return { date: formatLocalDate(day), time: formatLocalTime(wallMinutes - day * 1440), offsetMinutes };
}
