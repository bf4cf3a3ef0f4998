import type { CancellationRefusal } from './check-cancellation';
import type { BookingRejectionReason } from './validate-booking-start';

function formatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export interface BookingRejectionDetails {
  reason: BookingRejectionReason;
  earliestStart: number;
  latestStart: number;
}

/**
 * A plain-English sentence for a refused start, with instants shown in the clinic's zone (named).
 * `locale` only affects date formatting; the API may instead build its own text from the code.
 */
export function describeBookingRejection(
  rejection: BookingRejectionDetails,
  timeZone: string,
  locale = 'en-US',
): string {
  const fmt = formatter(timeZone, locale);
  switch (rejection.reason) {
    case 'PAST':
      return 'That time has already passed. Please choose a later time.';
    case 'NOTICE':
      return `That time is too soon to book. The earliest time you can book is ${fmt.format(rejection.earliestStart)} (${timeZone}).`;
    case 'HORIZON':
      return `That time is too far ahead to book yet. Bookings are open until ${fmt.format(rejection.latestStart)} (${timeZone}).`;
    case 'NOT_A_SLOT':
      return 'That time is not available. It may have just been taken; please pick another free time.';
  }
}

/** A plain-English sentence for a refused cancellation; `cutoffAt` shown in the clinic's zone. */
export function describeCancellationRefusal(
  refusal: { reason: CancellationRefusal; cutoffAt: number },
  timeZone: string,
  locale = 'en-US',
): string {
  if (refusal.reason === 'ALREADY_STARTED') {
    return 'This appointment has already started, so it can no longer be cancelled online.';
  }
  return `Online cancellation closed at ${formatter(timeZone, locale).format(refusal.cutoffAt)} (${timeZone}). Please call the clinic to cancel.`;
}
