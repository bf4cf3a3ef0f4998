// Pure scheduling domain: open slots, treatment series, booking and cancellation policies.
// All instants are UTC epoch milliseconds; dates and times of day are clinic-local strings.

export type {
  CancellationDecision,
  CancellationRefusal,
  CancellationRequest,
} from './check-cancellation';
export { checkCancellation } from './check-cancellation';
export {
  clinicDateKey,
  formatClinicDate,
  formatClinicDateTime,
  formatClinicTime,
  formatDayKey,
} from './clinic-time';
export { findOpenSlots } from './find-open-slots';
export type { HoursOutsideOpening, WeeklyWindow } from './hours-within-opening';
export { describeOutsideOpening, hoursOutsideOpening } from './hours-within-opening';
export {
  DAY_MS,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  MINUTE_MS,
  parseLocalDate,
  parseLocalTime,
} from './local-calendar';
export type { BookingRejectionDetails } from './policy-messages';
export { describeBookingRejection, describeCancellationRefusal } from './policy-messages';
export type { ProposeSeriesInput, SeriesProposal, SeriesSession } from './propose-series';
export { proposeSeries } from './propose-series';
export type {
  AppointmentTypeRules,
  BusyInterval,
  FindOpenSlotsInput,
  HoursException,
  IsoWeekday,
  LocalDate,
  LocalTime,
  ProviderSchedule,
  ResourceRef,
  SchedulingContext,
  Slot,
  WeeklyHours,
} from './types';
export type {
  BookingRejectionReason,
  BookingStartCheck,
  BookingStartRequest,
} from './validate-booking-start';
export { validateBookingStart } from './validate-booking-start';
export type { VisitStatus, VisitStatusDecision } from './visit-status';
export { checkVisitStatusChange } from './visit-status';
export type { LocalDateTime } from './zone-convert';
export { localToUtc, utcToLocal } from './zone-convert';
export type { ZoneOffsets } from './zone-offsets';
export { getZoneOffsets, offsetAt, utcToWall, wallToUtc, wallToUtcClamped } from './zone-offsets';
