import { describe, expect, it } from 'vitest';
import { findOpenSlots } from './find-open-slots';
import { at, iso, makeInput, makeProvider, makeType, weekdays } from './test-fixtures';

const everyDay = (start: string, end: string) => weekdays(start, end, [1, 2, 3, 4, 5, 6, 7]);
const localTime = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    ms,
  );

describe('findOpenSlots — ordinary days', () => {
  it('steps through a 09:00–17:00 day in 30-minute slots as UTC instants', () => {
    const slots = findOpenSlots(makeInput());
    expect(slots).toHaveLength(16);
    expect(iso(slots[0]!.start)).toBe('2026-03-02T17:00:00.000Z');
    expect(iso(slots[15]!.start)).toBe('2026-03-03T00:30:00.000Z');
    expect(slots.every((s) => s.end - s.start === 30 * 60_000 && s.providerId === 'dr-a')).toBe(true);
  });

  it('keeps buffers inside working hours', () => {
    const type = makeType({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
    const slots = findOpenSlots(makeInput({ appointmentType: type }));
    expect(localTime(slots[0]!.start, 'America/Los_Angeles')).toBe('09:30');
    expect(localTime(slots.at(-1)!.start, 'America/Los_Angeles')).toBe('16:00');
  });

  it('excludes slots overlapping a busy interval but allows touching ones', () => {
    const busy = [{ providerId: 'dr-a', start: at('2026-03-02T18:00Z'), end: at('2026-03-02T18:30Z') }];
    const starts = findOpenSlots(makeInput({ busy })).map((s) => iso(s.start));
    expect(starts).not.toContain('2026-03-02T18:00:00.000Z');
    expect(starts).toContain('2026-03-02T17:30:00.000Z');
    expect(starts).toContain('2026-03-02T18:30:00.000Z');
    expect(starts).toHaveLength(15);
  });

  it('ignores busy time of other providers and of resources the type does not need', () => {
    const busy = [
      { providerId: 'dr-b', start: at('2026-03-02T17:00Z'), end: at('2026-03-03T01:00Z') },
      { resourceId: 'room-1', start: at('2026-03-02T17:00Z'), end: at('2026-03-03T01:00Z') },
    ];
    expect(findOpenSlots(makeInput({ busy, resources: [{ id: 'room-1' }] }))).toHaveLength(16);
  });

  it('blocks every provider while a required resource is in use', () => {
    const type = makeType({ durationMinutes: 180, providerIds: ['dr-a', 'dr-b'], resourceIds: ['room-1'] });
    const busy = [
      {
        providerId: 'dr-b',
        resourceId: 'room-1',
        start: at('2026-03-02T17:00Z'),
        end: at('2026-03-02T20:00Z'),
      },
    ];
    const slots = findOpenSlots(
      makeInput({
        appointmentType: type,
        providers: [makeProvider('dr-a'), makeProvider('dr-b')],
        busy,
        resources: [{ id: 'room-1' }],
      }),
    );
    // Only starts at or after 12:00 local (20:00Z) leave the room free; the last must end by 17:00.
    expect(slots.map((s) => localTime(s.start, 'America/Los_Angeles'))).toEqual([
      '12:00',
      '12:00',
      '12:30',
      '12:30',
      '13:00',
      '13:00',
      '13:30',
      '13:30',
      '14:00',
      '14:00',
    ]);
    expect(slots.slice(0, 2).map((s) => s.providerId)).toEqual(['dr-a', 'dr-b']);
  });

  it('returns nothing when a required resource is not listed', () => {
    const type = makeType({ resourceIds: ['room-1'] });
    expect(findOpenSlots(makeInput({ appointmentType: type, resources: [] }))).toEqual([]);
  });

  it('respects minimum notice and the booking horizon', () => {
    const now = at('2026-03-02T18:10Z'); // 10:10 local
    const type = makeType({ minNoticeMinutes: 120, horizonDays: 1 });
    const slots = findOpenSlots(makeInput({ now, appointmentType: type, toDate: '2026-03-04' }));
    expect(iso(slots[0]!.start)).toBe('2026-03-02T20:30:00.000Z');
    expect(slots.every((s) => s.start >= now + 120 * 60_000 && s.start < now + 86_400_000)).toBe(true);
    expect(iso(slots.at(-1)!.start)).toBe('2026-03-03T18:00:00.000Z');
  });

  it('filters to one provider and to providers allowed for the type', () => {
    const providers = [makeProvider('dr-a'), makeProvider('dr-b'), makeProvider('dr-c')];
    const type = makeType({ providerIds: ['dr-a', 'dr-b'] });
    const all = findOpenSlots(makeInput({ appointmentType: type, providers }));
    expect(new Set(all.map((s) => s.providerId))).toEqual(new Set(['dr-a', 'dr-b']));
    const one = findOpenSlots(makeInput({ appointmentType: type, providers, providerId: 'dr-b' }));
    expect(one.map((s) => s.providerId)).toEqual(Array(16).fill('dr-b'));
    for (let i = 1; i < all.length; i++) {
      const [p, c] = [all[i - 1]!, all[i]!];
      expect(p.start < c.start || (p.start === c.start && p.providerId < c.providerId)).toBe(true);
    }
  });

  it('rejects a reversed range and malformed dates', () => {
    expect(() => findOpenSlots(makeInput({ fromDate: '2026-03-03', toDate: '2026-03-02' }))).toThrow(
      RangeError,
    );
    expect(() => findOpenSlots(makeInput({ fromDate: '2026-02-30' }))).toThrow(RangeError);
    expect(() => findOpenSlots(makeInput({ appointmentType: makeType({ slotStepMinutes: 0 }) }))).toThrow(
      RangeError,
    );
  });
});

describe('findOpenSlots — exceptions', () => {
  it('drops the whole day for an off exception without times', () => {
    const providers = [makeProvider('dr-a', { exceptions: [{ date: '2026-03-02', kind: 'off' }] })];
    expect(findOpenSlots(makeInput({ providers }))).toEqual([]);
    expect(
      findOpenSlots(makeInput({ providers, fromDate: '2026-03-03', toDate: '2026-03-03' })),
    ).toHaveLength(16);
  });

  it('removes a timed off window and realigns after it', () => {
    const providers = [
      makeProvider('dr-a', {
        exceptions: [{ date: '2026-03-02', kind: 'off', start: '12:00', end: '13:15' }],
      }),
    ];
    const times = findOpenSlots(makeInput({ providers })).map((s) =>
      localTime(s.start, 'America/Los_Angeles'),
    );
    expect(times).toContain('11:30');
    expect(times).not.toContain('12:00');
    expect(times).not.toContain('13:00');
    expect(times).toContain('13:15');
    expect(times).toContain('16:15');
  });

  it('adds extra hours on a day without weekly hours and extends a working day', () => {
    const providers = [
      makeProvider('dr-a', {
        exceptions: [
          { date: '2026-03-07', kind: 'extra', start: '10:00', end: '12:00' },
          { date: '2026-03-02', kind: 'extra', start: '17:00', end: '18:00' },
        ],
      }),
    ];
    const saturday = findOpenSlots(makeInput({ providers, fromDate: '2026-03-07', toDate: '2026-03-07' }));
    expect(saturday.map((s) => localTime(s.start, 'America/Los_Angeles'))).toEqual([
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    expect(findOpenSlots(makeInput({ providers }))).toHaveLength(18);
  });
});

describe('findOpenSlots — DST in America/Los_Angeles', () => {
  const tz = 'America/Los_Angeles';
  const allWeek = [makeProvider('dr-a', { weeklyHours: everyDay('09:00', '17:00') })];

  it('keeps 09:00 local at 09:00 local on both sides of 2026-03-08', () => {
    const slots = findOpenSlots(
      makeInput({ providers: allWeek, fromDate: '2026-03-07', toDate: '2026-03-09' }),
    );
    const firsts = ['2026-03-07', '2026-03-08', '2026-03-09'].map(
      (d) => slots.find((s) => new Date(s.start).toISOString() >= `${d}T12`)!,
    );
    expect(firsts.map((s) => iso(s.start))).toEqual([
      '2026-03-07T17:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
      '2026-03-09T16:00:00.000Z',
    ]);
    expect(firsts.every((s) => localTime(s.start, tz) === '09:00')).toBe(true);
    expect(slots).toHaveLength(48);
  });

  it('keeps 09:00 local at 09:00 local on both sides of 2026-11-01', () => {
    const slots = findOpenSlots(
      makeInput({ providers: allWeek, fromDate: '2026-10-31', toDate: '2026-11-02' }),
    );
    const nine = slots.filter((s) => localTime(s.start, tz) === '09:00').map((s) => iso(s.start));
    expect(nine).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-01T17:00:00.000Z',
      '2026-11-02T17:00:00.000Z',
    ]);
  });

  it('offers no slot at a local time that does not exist (02:00–02:59 on 2026-03-08)', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('00:00', '06:00') })];
    const slots = findOpenSlots(makeInput({ providers, fromDate: '2026-03-08', toDate: '2026-03-08' }));
    const times = slots.map((s) => localTime(s.start, tz));
    expect(times).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '03:00',
      '03:30',
      '04:00',
      '04:30',
      '05:00',
      '05:30',
    ]);
    expect(times).not.toContain('02:30');
  });

  it('offers the repeated 01:00 hour of 2026-11-01 once, at its first occurrence', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('00:00', '06:00') })];
    const slots = findOpenSlots(makeInput({ providers, fromDate: '2026-11-01', toDate: '2026-11-01' }));
    expect(slots).toHaveLength(12);
    const oneThirty = slots.filter((s) => localTime(s.start, tz) === '01:30');
    expect(oneThirty.map((s) => iso(s.start))).toEqual(['2026-11-01T08:30:00.000Z']);
  });

  it('makes a 3-hour procedure last 3 real hours across both changes', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('00:00', '08:00') })];
    const type = makeType({ durationMinutes: 180, slotStepMinutes: 60 });
    for (const date of ['2026-03-08', '2026-11-01']) {
      const slots = findOpenSlots(
        makeInput({ providers, appointmentType: type, fromDate: date, toDate: date }),
      );
      expect(slots.length).toBeGreaterThan(0);
      expect(slots.every((s) => s.end - s.start === 3 * 3_600_000)).toBe(true);
    }
    const spring = findOpenSlots(
      makeInput({ providers, appointmentType: type, fromDate: '2026-03-08', toDate: '2026-03-08' }),
    );
    // 00:00 PST + 3 h real = 04:00 PDT local; 08:00 local is only 7 real hours after midnight.
    expect(localTime(spring[0]!.end, tz)).toBe('04:00');
    expect(spring.map((s) => localTime(s.start, tz))).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
  });
});

describe('findOpenSlots — other zones', () => {
  it('Europe/London: 09:00 local before and after 2026-03-29', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('09:00', '10:00') })];
    const slots = findOpenSlots(
      makeInput({ timeZone: 'Europe/London', providers, fromDate: '2026-03-28', toDate: '2026-03-29' }),
    );
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-03-28T09:00:00.000Z',
      '2026-03-28T09:30:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-29T08:30:00.000Z',
    ]);
  });

  it('Australia/Lord_Howe: the 30-minute gap on 2026-10-04 removes only 02:00–02:29', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('01:00', '04:00') })];
    const type = makeType({ durationMinutes: 15, slotStepMinutes: 15 });
    const slots = findOpenSlots(
      makeInput({
        timeZone: 'Australia/Lord_Howe',
        providers,
        appointmentType: type,
        fromDate: '2026-10-04',
        toDate: '2026-10-04',
      }),
    );
    const times = slots.map((s) => localTime(s.start, 'Australia/Lord_Howe'));
    expect(times).not.toContain('02:00');
    expect(times).not.toContain('02:15');
    expect(times).toContain('02:30');
    expect(times).toHaveLength(12 - 2);
    // 01:45 (+10:30) + 15 min real = 02:30 (+11).
    const quarterTo = slots.find((s) => localTime(s.start, 'Australia/Lord_Howe') === '01:45')!;
    expect(localTime(quarterTo.end, 'Australia/Lord_Howe')).toBe('02:30');
  });

  it('Australia/Lord_Howe: the repeated 01:30–01:59 on 2026-04-05 is offered once, first occurrence', () => {
    const providers = [makeProvider('dr-a', { weeklyHours: everyDay('01:00', '03:00') })];
    const type = makeType({ durationMinutes: 15, slotStepMinutes: 15 });
    const slots = findOpenSlots(
      makeInput({
        timeZone: 'Australia/Lord_Howe',
        providers,
        appointmentType: type,
        fromDate: '2026-04-05',
        toDate: '2026-04-05',
      }),
    );
    expect(slots).toHaveLength(8);
    const oneThirty = slots.filter((s) => localTime(s.start, 'Australia/Lord_Howe') === '01:30');
    // First occurrence is still on +11: 01:30 local = 14:30Z the day before.
    expect(oneThirty.map((s) => iso(s.start))).toEqual(['2026-04-04T14:30:00.000Z']);
    // The working span 01:00–03:00 is 2.5 real hours; the last start is 02:45 (+10:30).
    expect(iso(slots.at(-1)!.start)).toBe('2026-04-04T16:15:00.000Z');
  });
});
