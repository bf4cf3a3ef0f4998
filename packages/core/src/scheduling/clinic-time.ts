// Dates and times as the clinic reads them: every staff screen, email and notice names the clinic's
// day, whatever zone the browser or the server runs in. Pure: the instant and the zone are arguments.

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

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** `YYYY-MM-DD` of the instant `at` (epoch ms) in the IANA zone `timeZone`. */
export function clinicDateKey(at: number, timeZone: string): string {
  const parts = fmt(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * "Sunday, December 13, 2026" for a `YYYY-MM-DD` date key. The key is read as a calendar date, never
 * as an instant: `new Date('2026-12-13')` is UTC midnight, which is the 12th west of Greenwich.
 */
export function formatDayKey(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return fmt('UTC', DATE).format(Date.UTC(y!, m! - 1, d!, 12));
}

/** The clinic date of an instant, e.g. "Sunday, December 13, 2026". */
export const formatClinicDate = (at: number, timeZone: string): string => fmt(timeZone, DATE).format(at);

/** The clinic wall time of an instant with the zone's abbreviation, e.g. "9:26 PM PST". */
export const formatClinicTime = (at: number, timeZone: string): string =>
  fmt(timeZone, { ...TIME, timeZoneName: 'short' }).format(at);

/**
 * Date and time in the clinic's zone with the zone named, e.g.
 * "Sunday, December 13, 2026, 9:26 PM PST" — or "… 9:26 PM Pacific Standard Time" with
 * `zoneName: 'long'` (emails, where an abbreviation may not be known to the reader).
 */
export function formatClinicDateTime(
  at: number,
  timeZone: string,
  opts: { zoneName?: 'short' | 'long' } = {},
): string {
  return `${formatClinicDate(at, timeZone)}, ${fmt(timeZone, { ...TIME, timeZoneName: opts.zoneName ?? 'short' }).format(at)}`;
}
