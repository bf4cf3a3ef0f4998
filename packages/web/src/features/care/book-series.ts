import type { Plan } from '@anagen/core/contracts';
import { api } from '../../lib/api-client';

/** Appointment types that deliver each treatment (demo catalogue slugs). */
export const TREATMENT_APPOINTMENT_TYPES: Record<string, string> = {
  prp: 'prp-session',
  'adipose-derived-cell-therapy': 'stem-cell-procedure',
};

interface Slot {
  start: string;
  end: string;
  providerId: string;
}

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface BookedSession {
  start: string;
  id: string;
  /** The clinic's zone, to show the booked time as clinic time. */
  timeZone: string;
}

/**
 * Books the plan's remaining sessions one interval apart: for each, the first free slot in the
 * week from its target date. Uses the public booking API one appointment at a time (with an
 * idempotency key per session, so a retry never double-books); replace with the booking engine's
 * series endpoint when it exists.
 */
export async function bookPlanSeries(
  plan: Plan,
  patientId: string,
  firstDate: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BookedSession[]> {
  const type = TREATMENT_APPOINTMENT_TYPES[plan.treatmentSlug];
  if (!type)
    throw new Error(`No appointment type books ${plan.treatmentSlug}; book these sessions in the calendar.`);
  const remaining = plan.sessionsPlanned - plan.progress.completed;
  const booked: BookedSession[] = [];
  for (let i = 0; i < remaining; i++) {
    const target = firstDate + i * plan.intervalWeeks * 7 * DAY;
    const { slots } = await api.get<{ slots: Slot[] }>(
      `/api/availability?type=${type}&from=${ymd(target)}&to=${ymd(target + 6 * DAY)}`,
    );
    const slot = slots[0];
    if (!slot)
      throw new Error(`No free time in the week of ${ymd(target)}; ${booked.length} of ${remaining} booked.`);
    const appt = await api.post<{ id: string; start: string; timeZone: string }>(
      '/api/appointments',
      { type, start: slot.start, providerId: slot.providerId, patientId },
      // api-client lets init.headers replace its own, so the JSON headers are repeated here.
      {
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': `plan-${plan.id}-${i}-${ymd(target)}`,
        },
      },
    );
    booked.push({ id: appt.id, start: appt.start, timeZone: appt.timeZone });
    onProgress?.(i + 1, remaining);
  }
  // Build the preparation checklists and queue their reminder emails now, not at the next portal visit.
  await api.post(`/api/patients/${encodeURIComponent(patientId)}/preparation/sync`);
  return booked;
}
