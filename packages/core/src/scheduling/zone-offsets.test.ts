import { describe, expect, it } from 'vitest';
import {
  getZoneOffsets,
  offsetAt,
  probeOffsetMinutes,
  utcToWall,
  wallToUtc,
  wallToUtcClamped,
} from './zone-offsets';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const utc = (iso: string) => Date.parse(iso);

describe('getZoneOffsets', () => {
  it('finds the 2026 America/Los_Angeles transitions to the minute', () => {
    const z = getZoneOffsets('America/Los_Angeles', utc('2026-01-01T00:00Z'), utc('2026-12-31T00:00Z'));
    expect(z.transitions).toEqual([utc('2026-03-08T10:00Z'), utc('2026-11-01T09:00Z')]);
    expect(z.offsets).toEqual([-480, -420, -480]);
  });

  it('finds the Europe/London transitions', () => {
    const z = getZoneOffsets('Europe/London', utc('2026-03-01T00:00Z'), utc('2026-11-01T00:00Z'));
    expect(z.transitions).toEqual([utc('2026-03-29T01:00Z'), utc('2026-10-25T01:00Z')]);
    expect(z.offsets).toEqual([0, 60, 0]);
  });

  it('handles the 30-minute Australia/Lord_Howe shift', () => {
    const z = getZoneOffsets('Australia/Lord_Howe', utc('2026-03-01T00:00Z'), utc('2026-10-31T00:00Z'));
    // DST ends 2026-04-05 02:00 local (+11) and starts 2026-10-04 02:00 local (+10:30).
    expect(z.transitions).toEqual([utc('2026-04-04T15:00Z'), utc('2026-10-03T15:30Z')]);
    expect(z.offsets).toEqual([660, 630, 660]);
  });

  it('agrees with Intl at 2,000 pseudo-random instants across several zones', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const from = utc('2025-06-01T00:00Z');
    const to = utc('2027-06-01T00:00Z');
    for (const zoneName of ['America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      const z = getZoneOffsets(zoneName, from, to);
      for (let i = 0; i < 500; i++) {
        const t = from + Math.floor((next() * (to - from)) / 60_000) * 60_000;
        expect(offsetAt(z, t)).toBe(probeOffsetMinutes(zoneName, t));
      }
    }
  });

  it('rejects an unknown zone', () => {
    expect(() => getZoneOffsets('Mars/Olympus_Mons', 0, 1)).toThrow(RangeError);
  });
});

describe('wall time ⇄ UTC', () => {
  const z = getZoneOffsets('America/Los_Angeles', utc('2026-03-01T00:00Z'), utc('2026-11-30T00:00Z'));

  it('maps 09:00 local to the right instant on both sides of spring-forward', () => {
    expect(wallToUtc(z, wall('2026-03-07T09:00'))).toBe(utc('2026-03-07T17:00Z'));
    expect(wallToUtc(z, wall('2026-03-08T09:00'))).toBe(utc('2026-03-08T16:00Z'));
    expect(wallToUtc(z, wall('2026-03-09T09:00'))).toBe(utc('2026-03-09T16:00Z'));
  });

  it('returns null for 02:30 on 2026-03-08, which does not exist', () => {
    expect(wallToUtc(z, wall('2026-03-08T02:30'))).toBeNull();
    expect(wallToUtc(z, wall('2026-03-08T02:00'))).toBeNull();
    expect(wallToUtc(z, wall('2026-03-08T03:00'))).toBe(utc('2026-03-08T10:00Z'));
    expect(wallToUtcClamped(z, wall('2026-03-08T02:30'))).toBe(utc('2026-03-08T10:00Z'));
  });

  it('picks the first occurrence of 01:30 on 2026-11-01', () => {
    expect(wallToUtc(z, wall('2026-11-01T01:30'))).toBe(utc('2026-11-01T08:30Z'));
    expect(wallToUtc(z, wall('2026-11-01T02:00'))).toBe(utc('2026-11-01T10:00Z'));
    expect(wallToUtc(z, wall('2026-11-01T09:00'))).toBe(utc('2026-11-01T17:00Z'));
  });

  it('round-trips every existing minute-of-hour through a DST day', () => {
    for (let t = utc('2026-11-01T00:00Z'); t < utc('2026-11-02T12:00Z'); t += 15 * 60_000) {
      const w = utcToWall(z, t);
      const back = wallToUtc(z, w)!;
      // In the repeated hour the second occurrence maps back to the first, one hour earlier.
      expect([t, t - 3_600_000]).toContain(back);
      expect(utcToWall(z, back)).toBe(w);
    }
  });
});
