import { describe, expect, it } from 'vitest';
import { checkVisitStatusChange } from './visit-status';

const LA = 'America/Los_Angeles';
// Monday 14 December 2026, 10:00 in Los Angeles (18:00 UTC).
const start = Date.UTC(2026, 11, 14, 18, 0);
const H = 3_600_000;
const check = (from: Parameters<typeof checkVisitStatusChange>[0]['from'], to: typeof from, now: number) =>
  checkVisitStatusChange({ from, to, startAt: start, timeZone: LA, now });

describe('visit status changes by the desk', () => {
  it('refuses check-in days ahead and says from when', () => {
    const d = check('booked', 'checked-in', start - 3 * 24 * H);
    expect(d).toEqual({
      ok: false,
      kind: 'too-early',
      reason: 'Check-in opens on the day of the visit, Monday, December 14, 2026.',
    });
  });

  it('refuses check-in on the clinic’s Sunday evening, when UTC is already Monday', () => {
    const sundayEvening = Date.UTC(2026, 11, 14, 5, 0); // Sunday 21:00 in Los Angeles
    expect(check('booked', 'checked-in', sundayEvening).ok).toBe(false);
  });

  it('allows check-in from the first minute of the clinic day, before the start', () => {
    const mondayEarly = Date.UTC(2026, 11, 14, 8, 1); // Monday 00:01 in Los Angeles
    expect(check('booked', 'checked-in', mondayEarly)).toEqual({ ok: true });
    expect(check('booked', 'checked-in', start + 6 * H)).toEqual({ ok: true });
  });

  it('refuses check-in after the visit’s day has passed', () => {
    const d = check('booked', 'checked-in', start + 24 * H);
    expect(d).toMatchObject({ ok: false, kind: 'transition' });
  });

  it('allows completed and no-show only once the visit has started', () => {
    expect(check('checked-in', 'completed', start - 60_000)).toEqual({
      ok: false,
      kind: 'too-early',
      reason: 'This visit starts at 10:00 AM PST: it can be completed once it has started.',
    });
    expect(check('booked', 'no-show', start - 2 * 24 * H)).toMatchObject({
      ok: false,
      reason:
        'This visit starts on Monday, December 14, 2026: it can be marked as a no-show once it has started.',
    });
    expect(check('checked-in', 'completed', start)).toEqual({ ok: true });
    expect(check('booked', 'no-show', start + 15 * 60_000)).toEqual({ ok: true });
  });

  it('always lets a mistake be undone back to booked, and never reopens a cancelled visit', () => {
    expect(check('checked-in', 'booked', start - 5 * 24 * H)).toEqual({ ok: true });
    expect(check('cancelled', 'checked-in', start)).toMatchObject({ ok: false, kind: 'transition' });
  });

  it('keeps the clinic day across a DST change', () => {
    // Sunday 8 March 2026, 10:00 PDT (17:00 UTC), the day clocks go forward.
    const dstStart = Date.UTC(2026, 2, 8, 17, 0);
    const earlyThatDay = Date.UTC(2026, 2, 8, 8, 30); // 00:30 PST
    expect(
      checkVisitStatusChange({
        from: 'booked',
        to: 'checked-in',
        startAt: dstStart,
        timeZone: LA,
        now: earlyThatDay,
      }),
    ).toEqual({ ok: true });
    const dayBefore = Date.UTC(2026, 2, 8, 7, 30); // Saturday 23:30 PST
    expect(
      checkVisitStatusChange({
        from: 'booked',
        to: 'checked-in',
        startAt: dstStart,
        timeZone: LA,
        now: dayBefore,
      }).ok,
    ).toBe(false);
  });
});
