// Calendar arithmetic on `YYYY-MM-DD` keys, zone-free (formatting lives in lib/clinic-time.ts).

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
