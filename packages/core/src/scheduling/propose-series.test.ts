import { describe, expect, it } from 'vitest';
import { findOpenSlots } from './find-open-slots';
import { proposeSeries } from './propose-series';
import { at, makeInput, makeProvider, makeType, seededRandom, weekdays } from './test-fixtures';
import type { BusyInterval } from './types';
import { utcToLocal } from './zone-convert';

const TZ = 'America/Los_Angeles';
const local = (ms: number) => utcToLocal(TZ, ms);
const dayDiff = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
const prp = makeType({
  id: 'prp',
  durationMinutes: 60,
  bufferAfterMinutes: 15,
  providerIds: ['dr-a', 'dr-b'],
});

function seriesInput(overrides: Partial<Parameters<typeof proposeSeries>[0]> = {}) {
  return {
    ...makeInput({ appointmentType: prp, providers: [makeProvider('dr-a'), makeProvider('dr-b')] }),
    firstDate: '2026-02-23',
    count: 3,
    intervalDays: 28,
    toleranceDays: 3,
    ...overrides,
  };
}

describe('proposeSeries', () => {
  it('targets first + k × interval in local days and keeps the local time across DST', () => {
    const { sessions } = proposeSeries(seriesInput());
    expect(sessions.map((s) => s.targetDate)).toEqual(['2026-02-23', '2026-03-23', '2026-04-20']);
    expect(sessions.map((s) => local(s.slot!.start).date)).toEqual([
      '2026-02-23',
      '2026-03-23',
      '2026-04-20',
    ]);
    expect(sessions.map((s) => local(s.slot!.start).time)).toEqual(['09:00', '09:00', '09:00']);
    // 09:00 PST then 09:00 PDT: different UTC hours, same wall time.
    expect(new Date(sessions[0]!.slot!.start).getUTCHours()).toBe(17);
    expect(new Date(sessions[1]!.slot!.start).getUTCHours()).toBe(16);
  });

  it('prefers the first session’s provider over an earlier slot with someone else', () => {
    const busy: BusyInterval[] = [
      { providerId: 'dr-b', start: at('2026-02-23T16:00Z'), end: at('2026-02-24T02:00Z') },
      // On the second target day dr-a is busy until 14:00 local; dr-b is free all day.
      { providerId: 'dr-a', start: at('2026-03-23T16:00Z'), end: at('2026-03-23T21:00Z') },
    ];
    const { sessions } = proposeSeries(seriesInput({ busy, count: 2 }));
    expect(sessions[0]!.slot!.providerId).toBe('dr-a');
    expect(sessions[1]!.slot!.providerId).toBe('dr-a');
    expect(local(sessions[1]!.slot!.start).time).toBe('14:00');
    expect(sessions[1]!.alternatives.some((s) => s.providerId === 'dr-b')).toBe(true);
  });

  it('prefers the anchor’s time of day among same-provider slots', () => {
    // Session 0: dr-a only free from 15:00 local (23:00Z) → later sessions should sit near 15:00.
    const busy: BusyInterval[] = [
      { providerId: 'dr-a', start: at('2026-02-23T17:00Z'), end: at('2026-02-23T23:00Z') },
    ];
    const { sessions } = proposeSeries(seriesInput({ busy, providers: [makeProvider('dr-a')] }));
    expect(sessions.map((s) => local(s.slot!.start).time)).toEqual(['15:00', '15:00', '15:00']);
  });

  it('moves to the nearest day within tolerance and reports null when nothing fits', () => {
    const providers = [
      makeProvider('dr-a', {
        exceptions: [
          { date: '2026-03-23', kind: 'off' },
          { date: '2026-03-24', kind: 'off' },
          ...['2026-04-17', '2026-04-20', '2026-04-21', '2026-04-22', '2026-04-23'].map((date) => ({
            date,
            kind: 'off' as const,
          })),
        ],
      }),
    ];
    const { sessions } = proposeSeries(seriesInput({ providers }));
    expect(local(sessions[1]!.slot!.start).date).toBe('2026-03-25');
    expect(sessions[2]!.slot).toBeNull();
    expect(sessions[2]!.alternatives).toEqual([]);
  });

  it('never overlaps its own sessions when tolerance windows overlap', () => {
    const type = makeType({ durationMinutes: 180, bufferBeforeMinutes: 15, bufferAfterMinutes: 30 });
    const providers = [makeProvider('dr-a', { weeklyHours: weekdays('09:00', '13:00') })];
    const { sessions } = proposeSeries({
      ...makeInput({ appointmentType: type, providers }),
      firstDate: '2026-03-02',
      count: 4,
      intervalDays: 1,
      toleranceDays: 3,
    });
    const slots = sessions.map((s) => s.slot!);
    expect(new Set(slots.map((s) => s.start)).size).toBe(4);
    for (let i = 1; i < slots.length; i++)
      expect(slots[i]!.start - 15 * 60_000).toBeGreaterThanOrEqual(slots[i - 1]!.end + 30 * 60_000);
  });

  it('keeps seeded random series within tolerance, non-overlapping and made of open slots', () => {
    const rnd = seededRandom(42);
    for (let run = 0; run < 40; run++) {
      const busy: BusyInterval[] = Array.from({ length: 60 }, () => {
        const start = at('2026-02-20T00:00Z') + Math.floor(rnd() * 80 * 96) * 15 * 60_000;
        return {
          providerId: rnd() < 0.5 ? 'dr-a' : 'dr-b',
          start,
          end: start + (1 + Math.floor(rnd() * 16)) * 15 * 60_000,
        };
      });
      const input = seriesInput({
        busy,
        count: 1 + Math.floor(rnd() * 5),
        intervalDays: 1 + Math.floor(rnd() * 14),
        toleranceDays: Math.floor(rnd() * 4),
      });
      const { sessions } = proposeSeries(input);
      const chosen = sessions.filter((s) => s.slot !== null);
      const open = findOpenSlots({ ...input, fromDate: '2026-02-15', toDate: '2026-06-30' });
      for (const s of sessions) {
        for (const slot of [s.slot, ...s.alternatives].filter((x) => x !== null)) {
          expect(Math.abs(dayDiff(local(slot.start).date, s.targetDate))).toBeLessThanOrEqual(
            input.toleranceDays,
          );
          expect(open).toContainEqual(slot);
        }
      }
      for (let i = 1; i < chosen.length; i++) {
        expect(chosen[i]!.slot!.start).toBeGreaterThanOrEqual(chosen[i - 1]!.slot!.end + 15 * 60_000);
      }
    }
  });

  it('rejects a non-positive count or interval', () => {
    expect(() => proposeSeries(seriesInput({ count: 0 }))).toThrow(RangeError);
    expect(() => proposeSeries(seriesInput({ intervalDays: 0 }))).toThrow(RangeError);
  });
});
