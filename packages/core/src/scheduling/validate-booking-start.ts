import { findOpenSlots } from './find-open-slots';
import { DAY_MS, formatLocalDate, MINUTE_MS } from './local-calendar';
import type { SchedulingContext, Slot } from './types';
import { getZoneOffsets, utcToWall } from './zone-offsets';

/**
 * - `PAST`: the start is not after `now`.
 * - `NOTICE`: inside the minimum-notice window; `earliestStart` is the first instant allowed.
 * - `HORIZON`: beyond the booking horizon; `latestStart` is the exclusive limit.
 * - `NOT_A_SLOT`: not a free, aligned slot (taken, outside hours, unaligned, wrong provider…).
 */
export type BookingRejectionReason = 'PAST' | 'NOTICE' | 'HORIZON' | 'NOT_A_SLOT';

export type BookingStartCheck =
  | { ok: true; slot: Slot }
  | { ok: false; reason: BookingRejectionReason; earliestStart: number; latestStart: number };

export interface BookingStartRequest extends SchedulingContext {
  /** Requested appointment start, UTC epoch ms. */
  start: number;
}

/**
 * Says whether `start` can be booked now, and if not, why. Reasons are checked in the order PAST,
 * NOTICE, HORIZON, NOT_A_SLOT so a person gets the most fundamental one. When `providerId` is absent,
 * the first free provider by id is returned. This re-runs findOpenSlots for the start's local date; it
 * is a pre-check only — the database constraint decides races.
 */
export function validateBookingStart(req: BookingStartRequest): BookingStartCheck {
  const type = req.appointmentType;
  const earliestStart = req.now + type.minNoticeMinutes * MINUTE_MS;
  const latestStart = req.now + type.horizonDays * DAY_MS;
  const reject = (reason: BookingRejectionReason): BookingStartCheck => ({
    ok: false,
    reason,
    earliestStart,
    latestStart,
  });
  if (!Number.isFinite(req.start) || req.start <= req.now) return reject('PAST');
  if (req.start < earliestStart) return reject('NOTICE');
  if (req.start >= latestStart) return reject('HORIZON');
  const zone = getZoneOffsets(req.timeZone, req.start - DAY_MS, req.start + DAY_MS);
  const date = formatLocalDate(Math.floor(utcToWall(zone, req.start) / DAY_MS));
  const slot = findOpenSlots({ ...req, fromDate: date, toDate: date }).find((s) => s.start === req.start);
  return slot ? { ok: true, slot } : reject('NOT_A_SLOT');
}
