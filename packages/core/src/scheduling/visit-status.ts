import { clinicDateKey, formatClinicTime, formatDayKey } from './clinic-time';

/** The statuses the front desk sets on a visit (cancellation has its own rules). */
export type VisitStatus = 'booked' | 'checked-in' | 'completed' | 'no-show' | 'cancelled';

// Mistakes can be undone (back to booked, or between the day's states); a cancelled visit stays so.
const NEXT: Record<VisitStatus, readonly VisitStatus[]> = {
  booked: ['checked-in', 'no-show', 'completed'],
  'checked-in': ['completed', 'no-show', 'booked'],
  'no-show': ['booked', 'checked-in'],
  completed: ['checked-in', 'booked'],
  cancelled: [],
};

export type VisitStatusDecision =
  | { ok: true }
  /** `transition`: never allowed from this status; `too-early`: allowed later (the reason says when). */
  | { ok: false; kind: 'transition' | 'too-early'; reason: string };

const VERB: Record<VisitStatus, string> = {
  booked: 'booked',
  'checked-in': 'checked in',
  completed: 'completed',
  'no-show': 'marked as a no-show',
  cancelled: 'cancelled',
};

/**
 * Whether the desk may move a visit from `from` to `to` at `now` (epoch ms). Check-in only on the
 * visit's own clinic date (in `timeZone`); completed and no-show only once the visit has started.
 * Going back to booked is always allowed, so a wrong click can be undone. `reason` is a sentence
 * for the desk, e.g. "Check-in opens on the day of the visit, Monday, December 14, 2026."
 */
export function checkVisitStatusChange(input: {
  from: VisitStatus;
  to: VisitStatus;
  startAt: number;
  timeZone: string;
  now: number;
}): VisitStatusDecision {
  const { from, to, startAt, timeZone, now } = input;
  if (from === to) return { ok: true };
  if (!NEXT[from].includes(to)) {
    return {
      ok: false,
      kind: 'transition',
      reason: `A visit that is ${VERB[from]} cannot be ${VERB[to]}.`,
    };
  }
  const visitDay = clinicDateKey(startAt, timeZone);
  const today = clinicDateKey(now, timeZone);
  if (to === 'checked-in' && visitDay !== today) {
    return visitDay > today
      ? {
          ok: false,
          kind: 'too-early',
          reason: `Check-in opens on the day of the visit, ${formatDayKey(visitDay)}.`,
        }
      : {
          ok: false,
          kind: 'transition',
          reason: `Check-in was possible on the day of the visit, ${formatDayKey(visitDay)}.`,
        };
  }
  if ((to === 'completed' || to === 'no-show') && now < startAt) {
    const when =
      visitDay === today ? `at ${formatClinicTime(startAt, timeZone)}` : `on ${formatDayKey(visitDay)}`;
    return {
      ok: false,
      kind: 'too-early',
      reason: `This visit starts ${when}: it can be ${VERB[to]} once it has started.`,
    };
  }
  return { ok: true };
}
