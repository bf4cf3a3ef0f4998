import { describe, expect, it } from 'vitest';
import { clinicDateKey, formatClinicDateTime, formatDayKey } from './clinic-time';

const LA = 'America/Los_Angeles';

describe('clinic time formatting', () => {
  it('gives the clinic’s Sunday evening, not the UTC Monday', () => {
    const sundayEvening = Date.UTC(2026, 11, 14, 5, 26); // Sunday 13 Dec, 21:26 in Los Angeles
    expect(clinicDateKey(sundayEvening, LA)).toBe('2026-12-13');
    expect(formatClinicDateTime(sundayEvening, LA)).toBe('Sunday, December 13, 2026, 9:26 PM PST');
    expect(formatClinicDateTime(sundayEvening, LA, { zoneName: 'long' })).toBe(
      'Sunday, December 13, 2026, 9:26 PM Pacific Standard Time',
    );
  });

  it('names the zone on each side of the spring DST change', () => {
    // Clocks go from 2:00 PST to 3:00 PDT on Sunday 8 March 2026.
    const before = Date.UTC(2026, 2, 8, 9, 30); // 1:30 PST
    const after = before + 3_600_000; // one hour later: 3:30 PDT
    expect(formatClinicDateTime(before, LA)).toBe('Sunday, March 8, 2026, 1:30 AM PST');
    expect(formatClinicDateTime(after, LA)).toBe('Sunday, March 8, 2026, 3:30 AM PDT');
  });

  it('tells the repeated hour of the autumn DST change apart by its zone', () => {
    const first = Date.UTC(2026, 10, 1, 8, 30); // 1:30 PDT on Sunday 1 November 2026
    const second = first + 3_600_000; // 1:30 again, now PST
    expect(formatClinicDateTime(first, LA)).toBe('Sunday, November 1, 2026, 1:30 AM PDT');
    expect(formatClinicDateTime(second, LA)).toBe('Sunday, November 1, 2026, 1:30 AM PST');
    expect(clinicDateKey(second, LA)).toBe('2026-11-01');
  });

  it('reads a date key as a calendar date in any machine zone', () => {
    expect(formatDayKey('2026-12-13')).toBe('Sunday, December 13, 2026');
    expect(formatDayKey('2026-12-14')).toBe('Monday, December 14, 2026');
    expect(formatDayKey('2026-03-08')).toBe('Sunday, March 8, 2026');
  });

  it('gives a far-east zone its own, later date', () => {
    const at = Date.UTC(2026, 11, 14, 5, 0);
    expect(clinicDateKey(at, 'Pacific/Kiritimati')).toBe('2026-12-14');
    expect(clinicDateKey(at, LA)).toBe('2026-12-13');
  });
});
