export interface PreparationStep {
  /** Stable key within a template version, e.g. "stop-nsaids". */
  key: string;
  text: string;
  /** When the step is due, in hours relative to the appointment start (negative = before). */
  offsetHours: number;
}

export interface ScheduledStep extends PreparationStep {
  /** Epoch ms. */
  dueAt: number;
  /** When to email a reminder, epoch ms: the due time, or now when that has already passed. */
  remindAt: number;
}

const HOUR_MS = 3_600_000;

/**
 * Places a preparation template's steps on the calendar of one appointment. Steps are returned
 * in due order (earliest first); a step whose due time has already passed is reminded at once, so
 * a late booking still gets every instruction.
 */
export function scheduleChecklist(
  steps: readonly PreparationStep[],
  appointmentStartAt: number,
  now: number,
): ScheduledStep[] {
  return steps
    .map((s) => {
      const dueAt = appointmentStartAt + Math.round(s.offsetHours * HOUR_MS);
      return { ...s, dueAt, remindAt: Math.max(dueAt, now) };
    })
    .sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}
