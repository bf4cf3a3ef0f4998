import { type Actor, isStaff } from '@anagen/core/access';
import type { Appointment } from '@anagen/core/contracts';
import {
  checkCancellation,
  checkVisitStatusChange,
  describeCancellationRefusal,
  findOpenSlots,
  validateBookingStart,
} from '@anagen/core/scheduling';
import type { AppointmentStatus } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { hashToken } from '../../lib/ids';
import { assertPatientAccess } from '../../lib/patient-scope';
import { recordAudit } from '../audit/audit.service';
import { findTypeById, parseClinicSettings } from '../availability/scheduling.repository';
import { loadSchedulingContext } from '../availability/scheduling-context';
import { queueCancellationNotice, queueRescheduleNotices } from '../notices/notices';
import { syncPreparationForAppointment } from '../preparation/preparation.service';
import { toAppointmentDto } from './appointment-dto';
import {
  type AppointmentView,
  findAppointmentState,
  findAppointmentView,
  hasConflict,
  MANAGE_LINK_DAYS_AFTER_END,
  manageLinkExpired,
  tokenOpens,
  updateAppointment,
  updateAppointmentIfStatus,
} from './booking.repository';
import { assertSpanBounded, bookingRejection, slotTaken } from './booking.service';
import { isUniqueViolation, lockRows, withBookingTransaction } from './booking-lock.repository';

type AccessKind = 'staff' | 'owner' | 'token';

export interface Opened {
  view: AppointmentView;
  access: AccessKind;
  cutoffHours: number;
  reminderHours: number;
}

/**
 * Opens an appointment for the caller: a valid manage token (guest link), or the record-level
 * policy (its patient, or staff with the scheduling scope). A wrong token answers 404, like an
 * unknown id, so links cannot be probed. Every access is audited.
 */
export async function openAppointment(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: {
    id: string;
    token: string | undefined;
    mode: 'read' | 'write';
    /** Audit action, e.g. "appointment.read"; a link's access is audited as "<action>.by-link". */
    action: string;
    /** The client's address, for the audit log. */
    ip: string;
  },
): Promise<Opened> {
  const { id, token, ip } = input;
  const op = input;
  const k = deps.db.kysely;
  const view = await findAppointmentView(k, id);
  const settings = view ? parseClinicSettings(view.clinic_settings_json) : null;
  if (token) {
    if (!view || !(await tokenOpens(k, view, hashToken(token)))) throw notFound('Appointment');
    // Checked after the token matched, so an expired link is told apart from a made-up one.
    if (manageLinkExpired(view, deps.clock.now()))
      throw new AppError(
        'LINK_EXPIRED',
        `This link stopped working ${MANAGE_LINK_DAYS_AFTER_END} days after the appointment. Sign in, or call the clinic.`,
      );
    await recordAudit(
      k,
      { actor, at: deps.clock.now(), ip },
      {
        action: `${op.action}.by-link`,
        resource: 'appointment',
        resourceId: id,
        patientId: view.patient_id,
      },
    );
    return { view, access: 'token', ...settingsOf(settings!) };
  }
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Please sign in, or use the link from your email.');
  if (!view) throw notFound('Appointment');
  await assertPatientAccess(
    deps,
    actor,
    view.patient_id,
    {
      scope: 'scheduling',
      mode: op.mode,
      action: op.action,
      resource: 'appointment',
      resourceId: id,
    },
    ip,
  );
  return { view, access: isStaff(actor) ? 'staff' : 'owner', ...settingsOf(settings!) };
}

function settingsOf(s: { cancellationCutoffHours: number; reminderHours: number }) {
  return { cutoffHours: s.cancellationCutoffHours, reminderHours: s.reminderHours };
}

export function dtoFor(o: Opened, view = o.view): Appointment {
  return toAppointmentDto(view, { includePatient: o.access !== 'token', cutoffHours: o.cutoffHours });
}

async function reload(deps: Pick<AppDeps, 'db'>, o: Opened): Promise<Appointment> {
  const view = await findAppointmentView(deps.db.kysely, o.view.id);
  return dtoFor(o, view!);
}

/** Patients and guests follow the clinic's cut-off; staff may override it until the start. */
function requireChangeAllowed(now: number, o: Opened, verb: string): { staffOverride: boolean } {
  if (o.view.status !== 'booked') {
    throw new AppError('CONFLICT', `This appointment is ${o.view.status}, so it cannot be ${verb}.`);
  }
  const decision = checkCancellation({
    start: o.view.start_at,
    now,
    cutoffHours: o.cutoffHours,
    isStaff: o.access === 'staff',
  });
  if (!decision.allowed) {
    const detail = describeCancellationRefusal(decision, o.view.time_zone);
    throw new AppError(
      'CANCELLATION_REFUSED',
      verb === 'cancelled'
        ? detail
        : detail
            .replace('cancellation', 'changes')
            .replace('to cancel', 'to change it')
            .replace('cancelled online', 'moved online'),
    );
  }
  return { staffOverride: decision.staffOverride };
}

/** The appointment as opened for the caller, and the caller's address (for the audit log). */
export interface OpenedInput {
  opened: Opened;
  ip: string;
}

export async function cancelAppointment(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: OpenedInput & { reason: string | undefined },
): Promise<Appointment> {
  const { opened: o, reason, ip } = input;
  const { db, clock } = deps;
  const now = clock.now();
  const { staffOverride } = requireChangeAllowed(clock.now(), o, 'cancelled');
  const v = o.view;
  await withBookingTransaction(db, async (trx) => {
    const fresh = await findAppointmentState(trx, v.id);
    if (fresh?.status !== 'booked') throw new AppError('CONFLICT', 'This appointment was changed meanwhile.');
    await updateAppointment(trx, v.id, {
      status: 'cancelled',
      cancelled_at: now,
      cancel_reason: reason ?? null,
      ical_sequence: v.ical_sequence + 1,
      updated_at: now,
    });
    await recordAudit(
      trx,
      { actor, at: clock.now(), ip },
      {
        action: 'appointment.cancel',
        resource: 'appointment',
        resourceId: v.id,
        patientId: v.patient_id,
        detail: staffOverride ? 'inside the cut-off (staff override)' : null,
      },
    );
    await queueCancellationNotice(trx, {
      appointmentId: v.id,
      patientId: v.patient_id,
      start: v.start_at,
      sequence: v.ical_sequence + 1,
      reminderHours: o.reminderHours,
      now,
    });
  });
  return reload(deps, o);
}

/**
 * Moves an appointment atomically: one UPDATE in the locked transaction takes the new time and frees
 * the old one, so on any conflict nothing changes. The iCalendar UID stays; the sequence increments.
 */
export async function rescheduleAppointment(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: OpenedInput & { start: string; providerId?: string | undefined },
): Promise<Appointment> {
  const { opened: o, ip } = input;
  const body = { start: input.start, providerId: input.providerId };
  const { db, clock } = deps;
  const k = db.kysely;
  const now = clock.now();
  requireChangeAllowed(clock.now(), o, 'moved');
  const v = o.view;
  const type = await findTypeById(k, v.type_id);
  if (!type) throw notFound('Appointment type');
  const start = Date.parse(body.start);
  const { input: slotInput, location } = await loadSchedulingContext(k, type, { at: start }, now, {
    providerId: body.providerId,
    excludeAppointmentId: v.id,
  });
  const check = validateBookingStart({ ...slotInput, start });
  if (!check.ok) throw bookingRejection(check, location.timeZone);
  // Keep the same provider when they are free at the new time.
  const candidates = findOpenSlots(slotInput)
    .filter((s) => s.start === start)
    .map((s) => s.providerId)
    .sort((a, b) => (a === v.provider_id ? -1 : b === v.provider_id ? 1 : a < b ? -1 : 1));
  const end = check.slot.end;
  const busyStart = start - type.row.buffer_before_minutes * 60_000;
  const busyEnd = end + type.row.buffer_after_minutes * 60_000;
  assertSpanBounded(busyStart, busyEnd);
  const sequence = v.ical_sequence + 1;
  try {
    await withBookingTransaction(db, async (trx) => {
      await lockRows(trx, db, candidates, type.resourceIds);
      const fresh = await findAppointmentState(trx, v.id);
      if (fresh?.status !== 'booked' || fresh.ical_sequence !== v.ical_sequence) {
        throw new AppError('CONFLICT', 'This appointment was changed meanwhile. Please reload it.');
      }
      let providerId: string | null = null;
      for (const p of candidates) {
        const span = {
          providerId: p,
          resourceIds: type.resourceIds,
          busyStart,
          busyEnd,
          excludeAppointmentId: v.id,
        };
        if (!(await hasConflict(trx, span))) {
          providerId = p;
          break;
        }
      }
      if (!providerId) throw slotTaken();
      await updateAppointment(trx, v.id, {
        provider_id: providerId,
        start_at: start,
        end_at: end,
        busy_start_at: busyStart,
        busy_end_at: busyEnd,
        ical_sequence: sequence,
        patient_confirmed_at: null,
        updated_at: now,
      });
      await recordAudit(
        trx,
        { actor, at: clock.now(), ip },
        {
          action: 'appointment.reschedule',
          resource: 'appointment',
          resourceId: v.id,
          patientId: v.patient_id,
          detail: `from ${new Date(v.start_at).toISOString()} to ${new Date(start).toISOString()}`,
        },
      );
      await queueRescheduleNotices(trx, {
        appointmentId: v.id,
        patientId: v.patient_id,
        start,
        sequence,
        reminderHours: o.reminderHours,
        now,
      });
      // Preparation due dates and reminders follow the new start.
      await syncPreparationForAppointment(trx, v.id, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
  return reload(deps, o);
}

export async function changeStatus(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: OpenedInput & { status: Exclude<AppointmentStatus, 'cancelled'> },
): Promise<Appointment> {
  const { opened: o, status, ip } = input;
  const { db, clock } = deps;
  const v = o.view;
  if (v.status === status) return dtoFor(o);
  // Check-in on the visit's clinic date only, completed / no-show once it has started (core rule).
  const decision = checkVisitStatusChange({
    from: v.status,
    to: status,
    startAt: v.start_at,
    timeZone: v.time_zone,
    now: clock.now(),
  });
  if (!decision.ok) {
    throw new AppError(decision.kind === 'too-early' ? 'STATUS_TOO_EARLY' : 'CONFLICT', decision.reason);
  }
  await db.kysely.transaction().execute(async (trx) => {
    // Decided on the appointment as read: if it changed meanwhile (a cancellation from the patient's
    // link, another desk), nothing is written and the desk is told to look again.
    if (!(await updateAppointmentIfStatus(trx, v.id, v.status, { status, updated_at: clock.now() }))) {
      throw new AppError('CONFLICT', 'This appointment was changed meanwhile. Reload it and try again.');
    }
    await recordAudit(
      trx,
      { actor, at: clock.now(), ip },
      {
        action: 'appointment.status',
        resource: 'appointment',
        resourceId: v.id,
        patientId: v.patient_id,
        detail: `${v.status} → ${status}`,
      },
    );
  });
  return reload(deps, o);
}
