// The web's one place for dates and times: every formatter the pages use lives here, all in
// en-US and all in a named zone. Staff read every date as the clinic's, whatever zone the browser
// is in (a desk in another zone, a laptop that travelled): the zone comes from GET /api/clinic and
// is kept here once the app shell has loaded it. The visitor's own zone is used only where a page
// says so (the slot picker's "your time", a photo's date as the device's date input shows it).
import { clinicDateKey, formatClinicDate, formatClinicTime, formatDayKey } from '@anagen/core/scheduling';
import { useClinicInfo } from './use-clinic';

let zone: string | null = null;

/** Called by the app shell when the clinic's card arrives. */
export function setClinicZone(timeZone: string): void {
  zone = timeZone;
}

/** The zone this browser runs in (the visitor's own). */
export function visitorZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The clinic's IANA zone; the browser's own only before the clinic's card has loaded. */
export function clinicZone(): string {
  return zone ?? visitorZone();
}

/** The clinic's zone once known (null while loading), for pages that must not guess. */
export function useClinicZone(): string | null {
  const { data } = useClinicInfo();
  if (data) setClinicZone(data.timeZone);
  return data?.timeZone ?? null;
}

/** An instant as epoch ms, from an ISO string or ms. */
const ms = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));

// Building a DateTimeFormat is slow next to using one: month grids and calendars format hundreds.
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...opts });
    cache.set(key, f);
  }
  return f;
}

// ---- Date keys and wall-clock parts --------------------------------------------------------------

/** Today's `YYYY-MM-DD` in the clinic's zone. */
export const clinicToday = (timeZone: string = clinicZone(), now: number = Date.now()) =>
  clinicDateKey(now, timeZone);

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export const localDateKey = (at: string | number, timeZone: string): string =>
  clinicDateKey(ms(at), timeZone);

/** Today's `YYYY-MM-DD` in the device's own zone, as an `<input type="date">` shows it. */
export const deviceToday = (now: number = Date.now()): string => clinicDateKey(now, visitorZone());

/** Hour of day (0–23) of an instant in `timeZone`. */
export function localHour(at: string | number, timeZone: string): number {
  return Number(fmt(timeZone, { hour: 'numeric', hourCycle: 'h23' }).format(ms(at)));
}

/** Minutes after local midnight of an instant in `timeZone`. */
export function localMinutes(at: string | number, timeZone: string): number {
  const parts = fmt(timeZone, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(ms(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

// ---- Long forms, zone not named (the zone is said once beside them) -------------------------------

/** "9:26 PM". */
export const formatTime = (at: string | number, timeZone: string) =>
  fmt(timeZone, { hour: 'numeric', minute: '2-digit' }).format(ms(at));

/** "Sunday, December 13, 2026". */
export const formatDate = (at: string | number, timeZone: string) =>
  fmt(timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(ms(at));

/** "Sunday, December 13, 2026, 9:26 PM". */
export const formatDateTime = (at: string | number, timeZone: string) =>
  `${formatDate(at, timeZone)}, ${formatTime(at, timeZone)}`;

/** e.g. "Pacific Standard Time" for the zone at that instant. */
export function zoneName(timeZone: string, at: string | number = Date.now()): string {
  const part = fmt(timeZone, { timeZoneName: 'long' })
    .formatToParts(ms(at))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The two zones show a different wall time at that instant (so times need showing in both). */
export function zonesDiffer(a: string, b: string, at: string | number = Date.now()): boolean {
  return formatDateTime(at, a) !== formatDateTime(at, b);
}

// ---- Long forms with the zone named (core's, shared with emails and notices) ------------------------

/** "Sunday, December 13, 2026" in the clinic's zone. */
export const clinicDate = (at: string | number, timeZone: string = clinicZone()) =>
  formatClinicDate(ms(at), timeZone);
/** "9:26 PM PST" in the clinic's zone. */
export const clinicTime = (at: string | number, timeZone: string = clinicZone()) =>
  formatClinicTime(ms(at), timeZone);

// ---- Short forms for lists and records --------------------------------------------------------------

/** "Dec 13, 2026" in the clinic's zone (or `timeZone`), never the browser's. */
export const fmtDate = (at: string | number, timeZone: string = clinicZone()) =>
  fmt(timeZone, { dateStyle: 'medium' }).format(ms(at));

/** "12/13/2026" in the clinic's zone. */
export const fmtNumericDate = (at: string | number, timeZone: string = clinicZone()) =>
  fmt(timeZone, {}).format(ms(at));

/** "Dec 13, 2026, 9:26 PM PST": date and time with the zone named, in the clinic's zone (or `timeZone`). */
export function fmtDateTime(at: string | number, timeZone: string = clinicZone()): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
  return fmt(timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms(at));
}

/** "Dec 13, 2026, 9:26 PM": where the zone is named elsewhere on the page. */
export const fmtDateTimeUnzoned = (at: string | number, timeZone: string = clinicZone()) =>
  fmt(timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(ms(at));

export { formatDayKey };
