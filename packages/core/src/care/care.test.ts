import { describe, expect, it } from 'vitest';
import { planProgress } from './plan-progress';
import { totalInjectedMl } from './scalp-zones';
import { scheduleChecklist } from './schedule-checklist';
import { normaliseName, typedNameMatches } from './typed-name-matches';

const START = Date.parse('2026-12-01T17:00:00Z');
const H = 3_600_000;

describe('scheduleChecklist', () => {
  const steps = [
    { key: 'wash', text: 'Wash your hair', offsetHours: -3 },
    { key: 'nsaids', text: 'Stop NSAIDs', offsetHours: -168 },
    { key: 'alcohol', text: 'No alcohol', offsetHours: -48 },
  ];
  it('places steps relative to the start, earliest first', () => {
    const out = scheduleChecklist(steps, START, START - 30 * 24 * H);
    expect(out.map((s) => [s.key, (s.dueAt - START) / H])).toEqual([
      ['nsaids', -168],
      ['alcohol', -48],
      ['wash', -3],
    ]);
    expect(out.every((s) => s.remindAt === s.dueAt)).toBe(true);
  });
  it('reminds at once for steps already due when the visit is booked late', () => {
    const now = START - 72 * H;
    const out = scheduleChecklist(steps, START, now);
    expect(out.find((s) => s.key === 'nsaids')!.remindAt).toBe(now);
    expect(out.find((s) => s.key === 'alcohol')!.remindAt).toBe(START - 48 * H);
  });
});

describe('typedNameMatches', () => {
  it.each([
    ['Pat Rivera', 'Pat Rivera', true],
    ['  pat   RIVERA ', 'Pat Rivera', true],
    ['José O’Neil', 'Jose ONeil', true],
    ['Mary-Jane Doe', 'Mary Jane Doe', true],
    ['Pat', 'Pat Rivera', false],
    ['Sam Lee', 'Pat Rivera', false],
    ['', 'Pat Rivera', false],
    ['...', '...', false],
  ])('%s vs %s → %s', (typed, record, ok) => {
    expect(typedNameMatches(typed, record)).toBe(ok);
  });
  it('normalises accents and punctuation', () => {
    expect(normaliseName(' Zoë  Ä. Smith ')).toBe('zoe a smith');
  });
});

describe('planProgress', () => {
  it.each([
    [3, 0, 1, 'Session 1 of 3'],
    [3, 1, 2, 'Session 2 of 3'],
    [3, 3, null, 'All 3 sessions done'],
    [3, 5, null, 'All 3 sessions done'],
  ])('%i planned, %i done', (planned, done, next, label) => {
    const p = planProgress(planned, done);
    expect(p.next).toBe(next);
    expect(p.label).toBe(label);
    expect(p.completed).toBeLessThanOrEqual(planned);
  });
});

describe('totalInjectedMl', () => {
  it('sums volumes without float noise', () => {
    expect(totalInjectedMl([{ volumeMl: 0.1 }, { volumeMl: 0.2 }, { volumeMl: 1.5 }])).toBe(1.8);
    expect(totalInjectedMl([])).toBe(0);
  });
});
