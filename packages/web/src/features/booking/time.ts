// Formatting of UTC instants in a named IANA zone (the clinic's, or the visitor's own).

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

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDateKey(at: string | number, timeZone: string): string {
  const parts = fmt(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(at),
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Hour of day (0–23) of an instant in `timeZone`. */
export function localHour(at: string | number, timeZone: string): number {
  const h = fmt(timeZone, { hour: 'numeric', hourCycle: 'h23' }).format(new Date(at));
  return Number(h);
}

/** Minutes after local midnight of an instant in `timeZone`. */
export function localMinutes(at: string | number, timeZone: string): number {
  const parts = fmt(timeZone, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(
    new Date(at),
  );
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export const formatTime = (at: string | number, timeZone: string) =>
  fmt(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));

export const formatDate = (at: string | number, timeZone: string) =>
  fmt(timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(at));

export const formatDateTime = (at: string | number, timeZone: string) =>
  `${formatDate(at, timeZone)}, ${formatTime(at, timeZone)}`;

/** e.g. "Pacific Standard Time" for the zone at that instant. */
export function zoneName(timeZone: string, at: string | number = Date.now()): string {
  const part = fmt(timeZone, { timeZoneName: 'long' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function visitorZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The offset of two zones at an instant differs (so times need showing in both). */
export function zonesDiffer(a: string, b: string, at: string | number = Date.now()): boolean {
  return formatDateTime(at, a) !== formatDateTime(at, b);
}

/** `YYYY-MM-DD` → { year, month (1–12), day } without touching the local clock. */
export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const [y, m, d] = key.split('-').map(Number);
  return { year: y!, month: m!, day: d! };
}

export function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds days to a `YYYY-MM-DD` key (calendar arithmetic in UTC, zone-free). */
export function addDays(key: string, days: number): string {
  const { year, month, day } = parseDateKey(key);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO weekday (Monday = 1) of a `YYYY-MM-DD` key. */
export function weekdayOf(key: string): number {
  const { year, month, day } = parseDateKey(key);
  const w = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
