import { describeBookingRejection } from '@anagen/core/scheduling';
import { AppError } from '../../errors';
import { MAX_BUSY_SPAN_MS } from '../availability/scheduling.repository';

/** Rejections from the pure policy: not-a-free-slot is a conflict (409), the rest are 422. */
export function bookingRejection(
  check: { reason: 'PAST' | 'NOTICE' | 'HORIZON' | 'NOT_A_SLOT'; earliestStart: number; latestStart: number },
  timeZone: string,
): AppError {
  const detail = describeBookingRejection(check, timeZone);
  return new AppError(check.reason === 'NOT_A_SLOT' ? 'SLOT_TAKEN' : 'BOOKING_REFUSED', detail);
}

/**
 * Overlap queries bound their index scans by MAX_BUSY_SPAN_MS; every stored busy span must respect it
 * for those checks to stay exact, so a type configured beyond it is refused rather than half-checked.
 */
export function assertSpanBounded(busyStart: number, busyEnd: number): void {
  if (busyEnd - busyStart > MAX_BUSY_SPAN_MS) {
    throw new AppError(
      'UNPROCESSABLE',
      'This appointment type is longer than two days with its buffers; please fix it.',
    );
  }
}

export const slotTaken = () =>
  new AppError(
    'SLOT_TAKEN',
    'That time is not available. It may have just been taken; please pick another free time.',
  );
