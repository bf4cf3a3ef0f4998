import type { Plan, SeriesProposalDto, SlotDto } from '@anagen/core/contracts';
import { api } from '../../lib/api-client';

/** Appointment types that deliver each treatment (demo catalogue slugs). */
export const TREATMENT_APPOINTMENT_TYPES: Record<string, string> = {
  prp: 'prp-session',
  'adipose-derived-cell-therapy': 'stem-cell-procedure',
};

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Days either side of each target date the clinic accepts for a session. */
const SERIES_TOLERANCE_DAYS = 3;

export interface BookedSession {
  start: string;
  id: string;
  /** The clinic's zone, to show the booked time as clinic time. */
  timeZone: string;
}

export function planSessionsRemaining(plan: Plan): number {
  return plan.sessionsPlanned - plan.progress.completed;
}

/** Asks the booking engine for one free slot per remaining session; nothing is reserved yet. */
export async function proposePlanSeries(plan: Plan, firstDate: number): Promise<SeriesProposalDto> {
  const type = TREATMENT_APPOINTMENT_TYPES[plan.treatmentSlug];
  if (!type)
    throw new Error(`No appointment type books ${plan.treatmentSlug}; book these sessions in the calendar.`);
  return api.post<SeriesProposalDto>('/api/appointments/series/proposal', {
    type,
    firstDate: ymd(firstDate),
    count: planSessionsRemaining(plan),
    intervalDays: plan.intervalWeeks * 7,
    toleranceDays: SERIES_TOLERANCE_DAYS,
  });
}

/**
 * Books the chosen slots as one series: all sessions are booked or none (the server re-checks each
 * slot in one transaction, and builds the preparation checklists). `overrideReason` is only needed
 * when the patient has not had a consultation yet (the API answers CONSULTATION_REQUIRED).
 */
export async function bookPlanSeries(
  plan: Plan,
  patientId: string,
  sessions: SlotDto[],
  overrideReason?: string,
): Promise<BookedSession[]> {
  const type = TREATMENT_APPOINTMENT_TYPES[plan.treatmentSlug];
  if (!type) throw new Error(`No appointment type books ${plan.treatmentSlug}.`);
  const res = await api.post<{ appointments: { id: string; start: string; timeZone: string }[] }>(
    '/api/appointments/series',
    {
      type,
      patientId,
      sessions: sessions.map((s) => ({ start: s.start, providerId: s.providerId })),
      ...(overrideReason ? { consultationOverrideReason: overrideReason } : {}),
    },
  );
  return res.appointments.map((a) => ({ id: a.id, start: a.start, timeZone: a.timeZone }));
}

export const SERIES_FIRST_DATE_OFFSET_MS = 7 * DAY;
