// The web's one place for the clinic's dates. Staff read every date as the clinic's, whatever zone
// the browser is in (a desk in another zone, a laptop that travelled): the zone comes from
// GET /api/clinic and is kept here once the app shell has loaded it.
import {
  clinicDateKey,
  formatClinicDate,
  formatClinicDateTime,
  formatClinicTime,
  formatDayKey,
} from '@anagen/core/scheduling';
import { useClinicInfo } from './use-clinic';

let zone: string | null = null;

/** Called by the app shell when the clinic's card arrives. */
export function setClinicZone(timeZone: string): void {
  zone = timeZone;
}

/** The clinic's IANA zone; the browser's own only before the clinic's card has loaded. */
export function clinicZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The clinic's zone once known (null while loading), for pages that must not guess. */
export function useClinicZone(): string | null {
  const { data } = useClinicInfo();
  if (data) setClinicZone(data.timeZone);
  return data?.timeZone ?? null;
}

/** Today's `YYYY-MM-DD` in the clinic's zone. */
export const clinicToday = (timeZone: string = clinicZone(), now: number = Date.now()) =>
  clinicDateKey(now, timeZone);

const ms = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));

/** "Sunday, December 13, 2026" in the clinic's zone. */
export const clinicDate = (at: string | number, timeZone: string = clinicZone()) =>
  formatClinicDate(ms(at), timeZone);
/** "Sunday, December 13, 2026, 9:26 PM PST" in the clinic's zone, zone named. */
export const clinicDateTime = (at: string | number, timeZone: string = clinicZone()) =>
  formatClinicDateTime(ms(at), timeZone);
/** "9:26 PM PST" in the clinic's zone. */
export const clinicTime = (at: string | number, timeZone: string = clinicZone()) =>
  formatClinicTime(ms(at), timeZone);

export { clinicDateKey, formatDayKey };
