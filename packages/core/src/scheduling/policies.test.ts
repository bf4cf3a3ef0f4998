import { describe, expect, it } from 'vitest';
import { checkCancellation } from './check-cancellation';
import { findOpenSlots } from './find-open-slots';
import { describeBookingRejection, describeCancellationRefusal } from './policy-messages';
import { at, makeInput, makeProvider, makeType, seededRandom, weekdays } from './test-fixtures';
import { validateBookingStart } from './validate-booking-start';

const H = 3_600_000;

describe('checkCancellation', () => {
  const start = at('2026-03-10T17:00Z');

  it('lets a patient cancel before the cut-off and not after', () => {
    expect(checkCancellation({ start, now: start - 25 * H, cutoffHours: 24, isStaff: false })).toEqual({
      allowed: true,
      staffOverride: false,
    });
    expect(checkCancellation({ start, now: start - 24 * H, cutoffHours: 24, isStaff: false })).toEqual({
      allowed: false,
      reason: 'CUTOFF_PASSED',
      cutoffAt: start - 24 * H,
    });
  });

  it('defaults to a 24-hour cut-off', () => {
    expect(checkCancellation({ start, now: start - 23 * H, isStaff: false }).allowed).toBe(false);
    expect(checkCancellation({ start, now: start - 23 * H, cutoffHours: 12, isStaff: false }).allowed).toBe(
      true,
    );
  });

  it('lets staff override the cut-off but not cancel a started appointment', () => {
    expect(checkCancellation({ start, now: start - H, cutoffHours: 24, isStaff: true })).toEqual({
      allowed: true,
      staffOverride: true,
    });
    const started = checkCancellation({ start, now: start, cutoffHours: 24, isStaff: true });
    expect(started).toMatchObject({ allowed: false, reason: 'ALREADY_STARTED' });
  });

  it('explains a refusal in the clinic zone', () => {
    const text = describeCancellationRefusal(
      { reason: 'CUTOFF_PASSED', cutoffAt: start - 24 * H },
      'America/Los_Angeles',
    );
    expect(text).toContain('Mar 9, 2026');
    expect(text).toMatch(/10:00\sAM\sPDT/);
    expect(text).toContain('America/Los_Angeles');
  });
});

describe('validateBookingStart', () => {
  const now = at('2026-03-02T17:00Z'); // Monday 09:00 local
  const type = makeType({ minNoticeMinutes: 120, horizonDays: 30 });
  const base = makeInput({ now, appointmentType: type });

  it('accepts a free aligned slot and returns it with its provider', () => {
    const check = validateBookingStart({ ...base, start: at('2026-03-03T17:30Z') });
    expect(check).toEqual({
      ok: true,
      slot: { start: at('2026-03-03T17:30Z'), end: at('2026-03-03T18:00Z'), providerId: 'dr-a' },
    });
  });

  it('gives PAST, NOTICE and HORIZON with the limits for a message', () => {
    expect(validateBookingStart({ ...base, start: now - 60_000 })).toMatchObject({
      ok: false,
      reason: 'PAST',
    });
    const notice = validateBookingStart({ ...base, start: now + H });
    expect(notice).toEqual({
      ok: false,
      reason: 'NOTICE',
      earliestStart: now + 2 * H,
      latestStart: now + 30 * 24 * H,
    });
    expect(validateBookingStart({ ...base, start: now + 31 * 24 * H })).toMatchObject({ reason: 'HORIZON' });
  });

  it('gives NOT_A_SLOT for a taken, unaligned or out-of-hours start', () => {
    const taken = at('2026-03-03T18:00Z');
    const busy = [{ providerId: 'dr-a', start: taken, end: taken + H / 2 }];
    expect(validateBookingStart({ ...base, busy, start: taken })).toMatchObject({
      ok: false,
      reason: 'NOT_A_SLOT',
    });
    expect(validateBookingStart({ ...base, start: at('2026-03-03T17:10Z') })).toMatchObject({
      reason: 'NOT_A_SLOT',
    });
    expect(validateBookingStart({ ...base, start: at('2026-03-03T03:00Z') })).toMatchObject({
      reason: 'NOT_A_SLOT',
    });
    expect(
      validateBookingStart({ ...base, providerId: 'dr-z', start: at('2026-03-03T17:30Z') }),
    ).toMatchObject({
      reason: 'NOT_A_SLOT',
    });
  });

  it('finds a slot whose UTC date differs from its local date', () => {
    // 16:30 local on Tuesday = 00:30Z Wednesday.
    expect(validateBookingStart({ ...base, start: at('2026-03-04T00:30Z') }).ok).toBe(true);
  });

  it('turns each reason into a sentence naming the zone where a time is shown', () => {
    const limits = { earliestStart: now + 2 * H, latestStart: now + 30 * 24 * H };
    expect(describeBookingRejection({ reason: 'NOTICE', ...limits }, 'America/Los_Angeles')).toMatch(
      /earliest .*Mar 2, 2026.*11:00.*\(America\/Los_Angeles\)/,
    );
    expect(describeBookingRejection({ reason: 'HORIZON', ...limits }, 'America/Los_Angeles')).toContain(
      'Apr 1, 2026',
    );
    expect(describeBookingRejection({ reason: 'PAST', ...limits }, 'UTC')).toMatch(/passed/);
    expect(describeBookingRejection({ reason: 'NOT_A_SLOT', ...limits }, 'UTC')).toMatch(/not available/);
  });
});

describe('validateBookingStart — agrees with findOpenSlots', () => {
  it('accepts exactly the listed slots among seeded random starts', () => {
    const rnd = seededRandom(7);
    const now = at('2026-03-06T18:00Z');
    const type = makeType({
      providerIds: ['dr-a', 'dr-b'],
      minNoticeMinutes: 60,
      horizonDays: 10,
      slotStepMinutes: 15,
    });
    const providers = [
      makeProvider('dr-a'),
      makeProvider('dr-b', { weeklyHours: weekdays('00:00', '06:00', [7]) }),
    ];
    const busy = Array.from({ length: 30 }, () => {
      const start = now + Math.floor(rnd() * 12 * 96) * 15 * 60_000;
      return { providerId: rnd() < 0.5 ? 'dr-a' : 'dr-b', start, end: start + 45 * 60_000 };
    });
    const input = makeInput({ now, appointmentType: type, providers, busy });
    const open = findOpenSlots({ ...input, fromDate: '2026-03-05', toDate: '2026-03-18' });
    const openStarts = new Set(open.map((s) => s.start));
    expect(open.length).toBeGreaterThan(100);
    for (const slot of open)
      expect(validateBookingStart({ ...input, start: slot.start })).toMatchObject({ ok: true });
    for (let i = 0; i < 500; i++) {
      const start = now - 86_400_000 + Math.floor(rnd() * 13 * 288) * 5 * 60_000;
      const check = validateBookingStart({ ...input, start });
      expect(check.ok).toBe(openStarts.has(start));
      if (!check.ok && start > now + 60 * 60_000 && start < now + 10 * 86_400_000)
        expect(check.reason).toBe('NOT_A_SLOT');
    }
  });
});
