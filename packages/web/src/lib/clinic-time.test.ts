import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clinicToday,
  clinicZone,
  deviceToday,
  fmtDate,
  fmtDateTime,
  fmtDateTimeUnzoned,
  fmtNumericDate,
  formatDate,
  formatDateTime,
  formatTime,
  localDateKey,
  localHour,
  localMinutes,
  setClinicZone,
  zoneName,
  zonesDiffer,
} from './clinic-time';

const LA = 'America/Los_Angeles';
// Sunday 13 December 2026, 9:26 pm in Los Angeles; already Monday the 14th in UTC and further east.
const SUNDAY_EVENING = Date.UTC(2026, 11, 14, 5, 26);
const ISO = new Date(SUNDAY_EVENING).toISOString();

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  setClinicZone(LA);
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('the web’s date formats', () => {
  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'])(
    'gives the clinic’s day and time whatever zone the browser is in (%s)',
    (browserZone) => {
      process.env.TZ = browserZone;
      expect(clinicZone()).toBe(LA);
      expect(fmtDate(SUNDAY_EVENING)).toBe('Dec 13, 2026');
      expect(fmtDate(ISO)).toBe('Dec 13, 2026');
      expect(fmtNumericDate(ISO)).toBe('12/13/2026');
      expect(fmtDateTime(SUNDAY_EVENING)).toBe('Dec 13, 2026, 9:26 PM PST');
      expect(fmtDateTimeUnzoned(SUNDAY_EVENING)).toBe('Dec 13, 2026, 9:26 PM');
      expect(formatDate(ISO, LA)).toBe('Sunday, December 13, 2026');
      expect(formatTime(ISO, LA)).toBe('9:26 PM');
      expect(formatDateTime(ISO, LA)).toBe('Sunday, December 13, 2026, 9:26 PM');
      expect(localDateKey(ISO, LA)).toBe('2026-12-13');
      expect(clinicToday(LA, SUNDAY_EVENING)).toBe('2026-12-13');
    },
  );

  it('reads the wall clock of an instant in a named zone', () => {
    expect(localHour(ISO, LA)).toBe(21);
    expect(localMinutes(ISO, LA)).toBe(21 * 60 + 26);
    expect(localHour(ISO, 'Pacific/Kiritimati')).toBe(19);
    expect(localDateKey(ISO, 'Pacific/Kiritimati')).toBe('2026-12-14');
  });

  it('names the zone on each side of a DST change', () => {
    const before = Date.UTC(2026, 2, 8, 9, 30); // 1:30 PST on 8 March
    const after = before + 3_600_000; // 3:30 PDT
    expect(fmtDateTime(before, LA)).toBe('Mar 8, 2026, 1:30 AM PST');
    expect(fmtDateTime(after, LA)).toBe('Mar 8, 2026, 3:30 AM PDT');
    expect(zoneName(LA, before)).toBe('Pacific Standard Time');
    expect(zoneName(LA, after)).toBe('Pacific Daylight Time');
  });

  it('tells when two zones show different wall times at an instant', () => {
    expect(zonesDiffer(LA, 'Pacific/Kiritimati', SUNDAY_EVENING)).toBe(true);
    expect(zonesDiffer(LA, 'America/Tijuana', SUNDAY_EVENING)).toBe(false);
  });

  it('takes the device’s own date only where asked for it', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(deviceToday(SUNDAY_EVENING)).toBe('2026-12-14');
    process.env.TZ = LA;
    expect(deviceToday(SUNDAY_EVENING)).toBe('2026-12-13');
  });
});
