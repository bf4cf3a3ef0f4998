/** Why a cancellation is refused: the appointment has begun, or the cut-off before it has passed. */
export type CancellationRefusal = 'ALREADY_STARTED' | 'CUTOFF_PASSED';

export type CancellationDecision =
  | {
      allowed: true /** True when only the staff override made it possible (worth auditing). */;
      staffOverride: boolean;
    }
  | {
      allowed: false;
      reason: CancellationRefusal /** Last instant a patient could cancel, epoch ms. */;
      cutoffAt: number;
    };

export interface CancellationRequest {
  /** Appointment start, UTC epoch ms. */
  start: number;
  /** Current instant, UTC epoch ms. */
  now: number;
  /** Clinic setting: patients may cancel until this many hours before the start (default 24). */
  cutoffHours?: number;
  /** Staff may cancel inside the cut-off window, but not an appointment that has already started. */
  isStaff: boolean;
}

/**
 * Cancellation policy. A patient may cancel while `now < start − cutoffHours`; staff may cancel any
 * time before the start (afterwards the appointment is marked no-show or completed instead).
 */
export function checkCancellation(req: CancellationRequest): CancellationDecision {
  const cutoffHours = req.cutoffHours ?? 24;
  if (!Number.isFinite(cutoffHours) || cutoffHours < 0)
    throw new RangeError(`cutoffHours must be ≥ 0, got ${cutoffHours}`);
  const cutoffAt = req.start - cutoffHours * 3_600_000;
  if (req.now >= req.start) return { allowed: false, reason: 'ALREADY_STARTED', cutoffAt };
  if (req.now < cutoffAt) return { allowed: true, staffOverride: false };
  if (req.isStaff) return { allowed: true, staffOverride: true };
  return { allowed: false, reason: 'CUTOFF_PASSED', cutoffAt };
}
