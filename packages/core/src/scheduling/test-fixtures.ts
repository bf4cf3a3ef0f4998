// Test-only factories and a seeded PRNG (not exported from the package index).
import type { AppointmentTypeRules, FindOpenSlotsInput, ProviderSchedule, WeeklyHours } from './types';

export { mulberry32 as seededRandom } from '../seeded-random';

export function makeType(overrides: Partial<AppointmentTypeRules> = {}): AppointmentTypeRules {
  return {
    id: 'consultation',
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    providerIds: ['dr-a'],
    resourceIds: [],
    minNoticeMinutes: 0,
    horizonDays: 365,
    slotStepMinutes: 30,
    ...overrides,
  };
}

export function weekdays(start: string, end: string, days: number[] = [1, 2, 3, 4, 5]): WeeklyHours[] {
  return days.map((d) => ({ weekday: d as WeeklyHours['weekday'], start, end }));
}

export function makeProvider(id: string, overrides: Partial<ProviderSchedule> = {}): ProviderSchedule {
  return { id, weeklyHours: weekdays('09:00', '17:00'), exceptions: [], ...overrides };
}

export function makeInput(overrides: Partial<FindOpenSlotsInput> = {}): FindOpenSlotsInput {
  return {
    timeZone: 'America/Los_Angeles',
    fromDate: '2026-03-02',
    toDate: '2026-03-02',
    now: Date.parse('2026-01-01T00:00:00Z'),
    appointmentType: makeType(),
    providers: [makeProvider('dr-a')],
    busy: [],
    resources: [],
    ...overrides,
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const at = (s: string) => Date.parse(s);
