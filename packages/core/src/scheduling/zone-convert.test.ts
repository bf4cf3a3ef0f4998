import { describe, expect, it } from 'vitest';
import { localToUtc, utcToLocal } from './zone-convert';

describe('localToUtc / utcToLocal', () => {
  it('converts clinic wall time on both sides of a DST change', () => {
    expect(localToUtc('America/Los_Angeles', '2026-03-07', '09:00')).toBe(Date.parse('2026-03-07T17:00Z'));
    expect(localToUtc('America/Los_Angeles', '2026-03-08', '09:00')).toBe(Date.parse('2026-03-08T16:00Z'));
    expect(localToUtc('America/Los_Angeles', '2026-03-08', '02:30')).toBeNull();
    expect(localToUtc('America/Los_Angeles', '2026-11-01', '01:30')).toBe(Date.parse('2026-11-01T08:30Z'));
  });

  it('reads an instant back as local date, time and offset', () => {
    expect(utcToLocal('America/Los_Angeles', Date.parse('2026-11-01T09:30Z'))).toEqual({
      date: '2026-11-01',
      time: '01:30',
      offsetMinutes: -480,
    });
    expect(utcToLocal('Australia/Lord_Howe', Date.parse('2026-12-31T13:00:59Z'))).toEqual({
      date: '2027-01-01',
      time: '00:00',
      offsetMinutes: 660,
    });
  });
});
