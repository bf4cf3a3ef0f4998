import { describe, expect, it } from 'vitest';
import { findOpenSlots } from './find-open-slots';
import { seededRandom } from './test-fixtures';
import type { BusyInterval, FindOpenSlotsInput, HoursException, ProviderSchedule, Slot } from './types';
import { probeOffsetMinutes } from './zone-offsets';

const memo = new Map<string, number>();
// Memoized Intl probe; the reference otherwise repeats the same instants thousands of times.
function naiveOffset(tz: string, t: number): number {
  const key = `${tz}|${t}`;
  let o = memo.get(key);
  if (o === undefined) {
    o = probeOffsetMinutes(tz, t);
    memo.set(key, o);
  }
  return o;
}

// An independent, deliberately naive reference: per-minute hour masks, Intl per conversion and linear
// busy scans. findOpenSlots must agree with it exactly.
const MIN = 60_000;
const DAY = 86_400_000;
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function localDateOf(day: number) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function workingMask(p: ProviderSchedule, day: number): boolean[] {
  const date = localDateOf(day);
  const weekday = ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
  const mask = Array<boolean>(1440).fill(false);
  const exs = p.exceptions.filter((e) => e.date === date);
  const wholeOff = exs.some((e) => e.kind === 'off' && e.start === undefined);
  const paint = (s: number, e: number, v: boolean) => {
    for (let m = s; m < e; m++) mask[m] = v;
  };
  if (!wholeOff)
    for (const h of p.weeklyHours) if (h.weekday === weekday) paint(hm(h.start), hm(h.end), true);
  for (const e of exs) if (e.kind === 'extra') paint(hm(e.start!), hm(e.end!), true);
  for (const e of exs) if (e.kind === 'off' && e.start !== undefined) paint(hm(e.start), hm(e.end!), false);
  return mask;
}

function naiveToUtc(tz: string, wall: number, clamp: boolean): number | null {
  const offs = new Set([-DAY, 0, DAY].map((d) => naiveOffset(tz, wall + d)));
  const valid = [...offs].map((o) => wall - o * MIN).filter((u) => naiveOffset(tz, u) * MIN === wall - u);
  if (valid.length > 0) return Math.min(...valid);
  if (!clamp) return null;
  // Gap: the transition is the first minute whose wall time lies past `wall`.
  for (let u = wall - 15 * 3_600_000; ; u += MIN) if (u + naiveOffset(tz, u) * MIN > wall) return u;
}

function naiveSlots(input: FindOpenSlotsInput): Slot[] {
  const t = input.appointmentType;
  const from = Date.parse(`${input.fromDate}T00:00Z`) / DAY;
  const to = Date.parse(`${input.toDate}T00:00Z`) / DAY;
  const out: Slot[] = [];
  for (const p of input.providers) {
    if (!t.providerIds.includes(p.id)) continue;
    const busy = input.busy.filter(
      (b) => b.providerId === p.id || t.resourceIds.includes(b.resourceId ?? '-'),
    );
    for (let day = from; day <= to; day++) {
      const mask = workingMask(p, day);
      for (let ls = 0; ls < 1440; ls++) {
        if (!mask[ls] || (ls > 0 && mask[ls - 1])) continue;
        let le = ls;
        while (le < 1440 && mask[le]) le++;
        const ws = naiveToUtc(input.timeZone, day * DAY + ls * MIN, true)!;
        const we = naiveToUtc(input.timeZone, day * DAY + le * MIN, true)!;
        for (let w = ls; w < le; w += t.slotStepMinutes) {
          const s = naiveToUtc(input.timeZone, day * DAY + w * MIN, false);
          if (s === null) continue;
          const a = s - t.bufferBeforeMinutes * MIN;
          const e = s + t.durationMinutes * MIN;
          const b = e + t.bufferAfterMinutes * MIN;
          if (a < ws || b > we) continue;
          if (s < input.now + t.minNoticeMinutes * MIN || s >= input.now + t.horizonDays * DAY) continue;
          if (busy.some((x) => x.start < b && x.end > a)) continue;
          out.push({ start: s, end: e, providerId: p.id });
        }
      }
    }
  }
  return out.sort((x, y) => x.start - y.start || (x.providerId < y.providerId ? -1 : 1));
}

const ZONES = [
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kolkata',
];
const DST_DATES = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'];

function randomCase(rnd: () => number): FindOpenSlotsInput {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const time = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const center = Date.parse(`${pick(DST_DATES)}T00:00Z`) / DAY + int(-2, 2);
  const fromDay = center - int(0, 2);
  const toDay = center + int(0, 3);
  const span = () => {
    const s = int(0, 90) * 15;
    return [time(s), time(Math.min(1440, s + int(1, 40) * 15))] as const;
  };
  const providers: ProviderSchedule[] = ['p1', 'p2', 'p3'].map((id) => {
    const weeklyHours = Array.from({ length: int(3, 12) }, () => {
      const [start, end] = span();
      return { weekday: int(1, 7) as 1, start, end };
    });
    const exceptions: HoursException[] = Array.from({ length: int(0, 4) }, () => {
      const date = localDateOf(int(fromDay, toDay));
      const kind = rnd() < 0.5 ? 'off' : 'extra';
      if (kind === 'off' && rnd() < 0.3) return { date, kind };
      const [start, end] = span();
      return { date, kind, start, end };
    });
    return { id, weeklyHours, exceptions };
  });
  const t0 = (fromDay - 1) * DAY;
  const busy: BusyInterval[] = Array.from({ length: int(0, 40) }, () => {
    const start = t0 + int(0, (toDay - fromDay + 3) * 96) * 15 * MIN + int(0, 14) * MIN;
    const end = start + int(1, 240) * MIN;
    const r = rnd();
    return r < 0.6
      ? { providerId: pick(['p1', 'p2', 'p3', 'p4']), start, end }
      : r < 0.9
        ? { resourceId: pick(['room', 'laser']), start, end }
        : { providerId: pick(['p1', 'p2']), resourceId: 'room', start, end };
  });
  return {
    timeZone: pick(ZONES),
    fromDate: localDateOf(fromDay),
    toDate: localDateOf(toDay),
    now: t0 + int(0, 4 * 24 * 60) * MIN,
    appointmentType: {
      id: 't',
      durationMinutes: pick([15, 30, 45, 60, 90, 180]),
      bufferBeforeMinutes: pick([0, 0, 5, 15]),
      bufferAfterMinutes: pick([0, 10, 15]),
      providerIds: ['p1', 'p2', 'p3'].filter(() => rnd() < 0.8),
      resourceIds: rnd() < 0.5 ? ['room'] : [],
      minNoticeMinutes: pick([0, 60, 24 * 60]),
      horizonDays: pick([1, 3, 60]),
      slotStepMinutes: pick([5, 15, 20, 30, 60]),
    },
    providers,
    busy,
    resources: [{ id: 'room' }, { id: 'laser' }],
  };
}

describe('findOpenSlots — seeded property checks', () => {
  it('matches the naive reference and its invariants over 300 random cases', { timeout: 60_000 }, () => {
    const rnd = seededRandom(20260308);
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const input = randomCase(rnd);
      const t = input.appointmentType;
      const slots = findOpenSlots(input);
      total += slots.length;
      for (const s of slots) {
        const a = s.start - t.bufferBeforeMinutes * MIN;
        const b = s.end + t.bufferAfterMinutes * MIN;
        // No overlap with its provider's busy time or a required resource's.
        const clash = input.busy.find(
          (x) =>
            (x.providerId === s.providerId || t.resourceIds.includes(x.resourceId ?? '-')) &&
            x.start < b &&
            x.end > a,
        );
        expect(clash, `case ${i}`).toBeUndefined();
        expect(s.start).toBeGreaterThanOrEqual(input.now + t.minNoticeMinutes * MIN);
        expect(s.start).toBeLessThan(input.now + t.horizonDays * DAY);
        expect(s.end - s.start).toBe(t.durationMinutes * MIN);
        // Every minute of the occupied span, buffers included, is a working minute in local time.
        const p = input.providers.find((x) => x.id === s.providerId)!;
        const masks = new Map<number, boolean[]>();
        let outside = 0;
        for (let m = a; m < b; m += MIN) {
          const wall = m + naiveOffset(input.timeZone, m) * MIN;
          const day = Math.floor(wall / DAY);
          if (!masks.has(day)) masks.set(day, workingMask(p, day));
          if (!masks.get(day)![Math.floor((wall - day * DAY) / MIN)]) outside++;
        }
        expect(outside, `case ${i}: minutes outside working hours`).toBe(0);
      }
      expect(slots, `case ${i}`).toEqual(naiveSlots(input));
    }
    // Guard against a generator that only ever produces empty results.
    expect(total).toBeGreaterThan(1000);
  });
});
