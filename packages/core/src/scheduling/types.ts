/** A calendar date in the clinic's zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in the clinic's zone, `HH:MM` (24 h; `24:00` allowed as an end). */
export type LocalTime = string;
/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeeklyHours {
  weekday: IsoWeekday;
  start: LocalTime;
  end: LocalTime;
}

/**
 * A dated change to a provider's weekly hours.
 * - `off` without times: the weekly hours of that date are removed.
 * - `off` with `start`/`end`: that window is removed (after `extra` hours are added).
 * - `extra` (needs `start`/`end`): adds working hours on that date.
 */
export interface HoursException {
  date: LocalDate;
  kind: 'off' | 'extra';
  start?: LocalTime;
  end?: LocalTime;
}

export interface ProviderSchedule {
  id: string;
  weeklyHours: WeeklyHours[];
  exceptions: HoursException[];
}

/**
 * Something already occupying a provider and/or a resource, as UTC epoch ms, half-open `[start, end)`.
 * Appointments are passed with their buffers included. An entry with both ids blocks both.
 */
export interface BusyInterval {
  providerId?: string;
  resourceId?: string;
  start: number;
  end: number;
}

export interface AppointmentTypeRules {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Providers allowed to perform this type. */
  providerIds: string[];
  /** Resources that must ALL be free for the whole occupied span (buffers included). */
  resourceIds: string[];
  /** A slot must start at or after `now + minNoticeMinutes`. */
  minNoticeMinutes: number;
  /** A slot must start before `now + horizonDays × 24 h`. */
  horizonDays: number;
  /** Slot starts are `intervalStart + k × slotStepMinutes` in local wall time. */
  slotStepMinutes: number;
}

export interface ResourceRef {
  id: string;
}

/** Everything the slot search needs except the date range. All instants are UTC epoch ms. */
export interface SchedulingContext {
  /** IANA zone of the location, e.g. `America/Los_Angeles`. */
  timeZone: string;
  /** The current instant, epoch ms (core never reads a clock). */
  now: number;
  appointmentType: AppointmentTypeRules;
  providers: ProviderSchedule[];
  busy: BusyInterval[];
  resources: ResourceRef[];
  /** Restrict the search to one provider. */
  providerId?: string;
}

export interface FindOpenSlotsInput extends SchedulingContext {
  /** First clinic-local date, inclusive. */
  fromDate: LocalDate;
  /** Last clinic-local date, inclusive. */
  toDate: LocalDate;
}

/**
 * A bookable start. `start`/`end` are UTC epoch ms of the appointment itself (buffers excluded);
 * `end - start === durationMinutes × 60 000` always, DST or not.
 */
export interface Slot {
  start: number;
  end: number;
  providerId: string;
}
