export interface PlanProgress {
  /** Signed sessions recorded against the plan. */
  completed: number;
  planned: number;
  /** 1-based number of the next session, or null when the planned course is complete. */
  next: number | null;
  /** Patient-facing wording, e.g. "Session 2 of 3" or "All 3 sessions done". */
  label: string;
}

/** Where a patient is in a course of sessions; extra (maintenance) sessions never exceed `planned`. */
export function planProgress(planned: number, completed: number): PlanProgress {
  const done = Math.max(0, Math.min(completed, planned));
  if (done >= planned) {
    return { completed: done, planned, next: null, label: `All ${planned} sessions done` };
  }
  return { completed: done, planned, next: done + 1, label: `Session ${done + 1} of ${planned}` };
}
