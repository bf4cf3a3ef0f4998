export { findOpenSlots } from './find-open-slots';
export {
  DAY_MS,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  MINUTE_MS,
  parseLocalDate,
  parseLocalTime,
} from './local-calendar';
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
export type { ZoneOffsets } from './zone-offsets';
export { getZoneOffsets, offsetAt, utcToWall, wallToUtc, wallToUtcClamped } from './zone-offsets';
