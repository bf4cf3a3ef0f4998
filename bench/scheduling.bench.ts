// Pure slot computation benchmark: findOpenSlots vs a straightforward Luxon-per-slot loop, same run.
// 5 providers, 2,000 existing appointments, `consultation` (30 min), one day and 30 days.
// Run: npm run bench:scheduling
import { DateTime } from 'luxon';
import type {
  BusyInterval,
  FindOpenSlotsInput,
  ProviderSchedule,
  Slot,
} from '../packages/core/src/scheduling';
import { findOpenSlots } from '../packages/core/src/scheduling';
import { mulberry32 as seededRandom } from '../packages/core/src/seeded-random';

const TZ = 'America/Los_Angeles';
const MIN = 60_000;

const rnd = seededRandom(2026);
const providerIds = ['dr-1', 'dr-2', 'dr-3', 'dr-4', 'dr-5'];
const providers: ProviderSchedule[] = providerIds.map((id, i) => ({
  id,
  weeklyHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday: weekday as 1, start: '08:00', end: '12:00' },
    { weekday: weekday as 1, start: '13:00', end: i % 2 === 0 ? '18:00' : '17:00' },
  ]),
  exceptions: [{ date: '2026-03-16', kind: 'off' }],
}));

// 2,000 appointments over the 60 days from 2026-03-01, on working-hours-ish times.
const rangeStart = Date.parse('2026-03-01T16:00:00Z');
const busy: BusyInterval[] = Array.from({ length: 2000 }, () => {
  const start = rangeStart + Math.floor(rnd() * 60) * 86_400_000 + Math.floor(rnd() * 40) * 15 * MIN;
  const minutes = [30, 60, 180][Math.floor(rnd() * 3)]!;
  const providerId = providerIds[Math.floor(rnd() * 5)]!;
  return minutes === 180
    ? { providerId, resourceId: 'procedure-room', start, end: start + minutes * MIN }
    : { providerId, start, end: start + minutes * MIN };
});

const base: Omit<FindOpenSlotsInput, 'fromDate' | 'toDate'> = {
  timeZone: TZ,
  now: Date.parse('2026-03-01T00:00:00Z'),
  appointmentType: {
    id: 'consultation',
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    providerIds,
    resourceIds: [],
    minNoticeMinutes: 120,
    horizonDays: 90,
    slotStepMinutes: 30,
  },
  providers,
  busy,
  resources: [{ id: 'procedure-room' }],
};

/** The straightforward version: Luxon for every date and slot, a linear scan of all appointments. */
function naiveLuxon(input: FindOpenSlotsInput): Slot[] {
  const t = input.appointmentType;
  const out: Slot[] = [];
  const from = DateTime.fromISO(input.fromDate, { zone: input.timeZone });
  const to = DateTime.fromISO(input.toDate, { zone: input.timeZone });
  for (const p of input.providers) {
    if (!t.providerIds.includes(p.id)) continue;
    for (let d = from; d <= to; d = d.plus({ days: 1 })) {
      const date = d.toISODate();
      const ex = p.exceptions.filter((e) => e.date === date);
      if (ex.some((e) => e.kind === 'off' && !e.start)) continue;
      for (const h of p.weeklyHours.filter((w) => w.weekday === d.weekday)) {
        const [sh, sm] = h.start.split(':').map(Number);
        const [eh, em] = h.end.split(':').map(Number);
        const workStart = d.set({ hour: sh, minute: sm });
        const workEnd = d.set({ hour: eh, minute: em });
        for (let m = sh! * 60 + sm!; m < eh! * 60 + em!; m += t.slotStepMinutes) {
          const s = d.set({ hour: Math.floor(m / 60), minute: m % 60 });
          if (s.hour * 60 + s.minute !== m) continue; // nonexistent local time
          const occStart = s.minus({ minutes: t.bufferBeforeMinutes });
          const end = s.plus({ minutes: t.durationMinutes });
          const occEnd = end.plus({ minutes: t.bufferAfterMinutes });
          if (occStart < workStart || occEnd > workEnd) continue;
          const sMs = s.toMillis();
          if (sMs < input.now + t.minNoticeMinutes * MIN || sMs >= input.now + t.horizonDays * 86_400_000)
            continue;
          const a = occStart.toMillis();
          const b = occEnd.toMillis();
          const clash = input.busy.some(
            (x) =>
              (x.providerId === p.id || t.resourceIds.includes(x.resourceId ?? '')) &&
              x.start < b &&
              x.end > a,
          );
          if (!clash) out.push({ start: sMs, end: end.toMillis(), providerId: p.id });
        }
      }
    }
  }
  return out.sort((x, y) => x.start - y.start || (x.providerId < y.providerId ? -1 : 1));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(20, iterations); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const cases = [
  { label: '1 day  ', fromDate: '2026-03-09', toDate: '2026-03-09', fast: 2000, naive: 100 },
  { label: '30 days', fromDate: '2026-03-02', toDate: '2026-03-31', fast: 500, naive: 10 },
];

const coldStart = performance.now();
findOpenSlots({ ...base, fromDate: '2026-03-02', toDate: '2026-03-31' });
const coldMs = performance.now() - coldStart;

console.log(
  'findOpenSlots benchmark — 5 providers, 2,000 appointments, consultation 30 min, America/Los_Angeles',
);
console.log(`first call incl. zone-offset table (cold cache, single sample): ${coldMs.toFixed(2)} ms`);
for (const c of cases) {
  const input = { ...base, fromDate: c.fromDate, toDate: c.toDate };
  const fast = findOpenSlots(input);
  const slow = naiveLuxon(input);
  const same = JSON.stringify(fast) === JSON.stringify(slow);
  const fastMs = time(() => findOpenSlots(input), c.fast);
  const slowMs = time(() => naiveLuxon(input), c.naive);
  console.log(
    `${c.label}: findOpenSlots median ${fastMs.toFixed(3)} ms | naive Luxon median ${slowMs.toFixed(1)} ms | ` +
      `${(slowMs / fastMs).toFixed(0)}× faster | ${fast.length} slots | same result as baseline: ${same}`,
  );
  if (c.label.startsWith('30')) console.log(`goal < 2 ms per 30-day call: ${fastMs < 2 ? 'met' : 'NOT met'}`);
  if (!same) process.exitCode = 1;
}
