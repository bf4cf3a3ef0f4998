import { createHash } from 'node:crypto';
import { type Actor, isStaff } from '@anagen/core/access';
import { type Appointment, type CreateAppointment, mapSearchUrl } from '@anagen/core/contracts';
import { describeBookingRejection, findOpenSlots, validateBookingStart } from '@anagen/core/scheduling';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { assertPatientAccess } from '../../lib/patient-scope';
import { recordAudit } from '../audit/audit.service';
import type { AccountMail } from '../auth/account-mail';
import { issueAccountToken } from '../auth/account-tokens.repository';
import { MAX_BUSY_SPAN_MS } from '../availability/scheduling.repository';
import { loadSchedulingContext } from '../availability/scheduling-context';
import { requireVisibleType } from '../availability/visible-type';
import { queueBookingNotices } from '../notices/notices';
import { assertConsultationDone } from '../plans/consultation-rule';
import { syncPreparationForAppointment } from '../preparation/preparation.service';
import { iso } from './appointment-dto';
import {
  findIdempotentResponse,
  findLocationAddress,
  hasConflict,
  insertAppointment,
  insertToken,
  resolveBookingPatient,
  saveIdempotentResponse,
} from './booking.repository';
import { isUniqueViolation, lockRows, withBookingTransaction } from './booking-lock.repository';
import { throttleGuestBooking } from './guest-throttle';

export interface BookingResult {
  /** Only successful bookings are remembered for an Idempotency-Key, so a replay is a 201 too. */
  status: 201;
  body: Appointment;
  /**
   * A guest booked with the email of an existing account: the mail offering to claim the booking.
   * The caller sends it after answering, so the answer does not depend on it.
   */
  claimMail?: { to: { email: string; name: string }; mail: AccountMail };
}

export interface BookInput {
  body: CreateAppointment;
  idempotencyKey: string | undefined;
  /** The client's address: keys the guest-booking brake and goes into the audit log. */
  ip: string;
}

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

/**
 * Books one appointment. The pure policy decides whether the start is a free, aligned slot given
 * what was read; then, in one write transaction, the provider and required resources are locked and
 * overlap is re-checked against committed rows before the insert. The partial unique index on
 * (provider_id, start_at) backs this up; its violation is a 409 too.
 */
export async function bookAppointment(
  deps: AppDeps,
  actor: Actor | null,
  input: BookInput,
): Promise<BookingResult> {
  const { body, idempotencyKey, ip } = input;
  const { db, clock } = deps;
  const k = db.kysely;
  const now = clock.now();
  const staff = isStaff(actor);

  await throttleGuestBooking(deps, actor, { ip });
  const type = await requireVisibleType(k, actor, body.type);
  if (!staff && body.patientId)
    throw new AppError('FORBIDDEN', 'Only clinic staff book for another patient.');
  if (!staff && body.consultationOverrideReason)
    throw new AppError('FORBIDDEN', 'Only clinic staff can override the consultation rule.');
  if (!actor && type.row.guest_allowed !== 1) {
    throw new AppError('UNAUTHENTICATED', 'Please sign in to book this appointment type.');
  }
  if (!actor && !body.patient) {
    throw new AppError('VALIDATION_FAILED', 'Please give your name and email so the clinic can reach you.', {
      errors: [{ path: 'body.patient', message: 'Give your name and email so the clinic can reach you' }],
    });
  }

  const idemKey = idempotencyKey ? `${actor?.userId ?? 'guest'}:${idempotencyKey}` : undefined;
  const requestHash = idemKey ? createHash('sha256').update(JSON.stringify(body)).digest('hex') : '';
  if (idemKey) {
    const replay = await replayIdempotent(deps, idemKey, requestHash);
    if (replay) return replay;
  }

  // Who the appointment is for. Staff: a given record (or a new one from `patient`); a patient:
  // themself; a guest: linked or created by email inside the transaction.
  let patientId: string | null = null;
  if (staff) {
    if (body.patientId) {
      await assertPatientAccess(
        deps,
        actor,
        body.patientId,
        {
          scope: 'scheduling',
          mode: 'write',
          action: 'appointment.create',
          resource: 'appointment',
        },
        ip,
      );
      patientId = body.patientId;
    } else if (!body.patient) {
      throw new AppError('VALIDATION_FAILED', 'Choose the patient this appointment is for.', {
        errors: [{ path: 'body.patientId', message: 'is required' }],
      });
    }
  } else if (actor) {
    if (!actor.patientId) throw new AppError('FORBIDDEN', 'This account has no patient record to book for.');
    await assertPatientAccess(
      deps,
      actor,
      actor.patientId,
      {
        scope: 'scheduling',
        mode: 'write',
        action: 'appointment.create',
        resource: 'appointment',
      },
      ip,
    );
    patientId = actor.patientId;
  }

  const start = Date.parse(body.start);
  const {
    input: slotInput,
    location,
    providers,
  } = await loadSchedulingContext(k, type, { at: start }, now, {
    providerId: body.providerId,
  });
  const check = validateBookingStart({ ...slotInput, start });
  if (!check.ok) throw bookingRejection(check, location.timeZone);
  const candidates = findOpenSlots(slotInput)
    .filter((s) => s.start === start)
    .map((s) => s.providerId);
  const end = check.slot.end;
  const busyStart = start - type.row.buffer_before_minutes * 60_000;
  const busyEnd = end + type.row.buffer_after_minutes * 60_000;
  assertSpanBounded(busyStart, busyEnd);
  const settings = location.settings;

  const token = newToken();
  const id = newId();
  let claim: { to: { email: string; name: string }; link: { token: string; expiresAt: number } } | undefined;
  try {
    const booked = await withBookingTransaction(db, async (trx): Promise<BookingResult> => {
      await lockRows(trx, db, candidates, type.resourceIds);
      let providerId: string | null = null;
      for (const p of candidates) {
        if (!(await hasConflict(trx, { providerId: p, resourceIds: type.resourceIds, busyStart, busyEnd }))) {
          providerId = p;
          break;
        }
      }
      if (!providerId) throw slotTaken();
      if (!patientId) {
        const resolved = await resolveBookingPatient(trx, {
          id: newId(),
          name: body.patient!.name,
          email: body.patient!.email,
          phone: body.patient!.phone ?? null,
          now,
        });
        patientId = resolved.patientId;
        // Only a guest is offered the claim link: staff chose to book from details on purpose.
        if (resolved.claimant && !actor) {
          const link = await issueAccountToken(
            trx,
            resolved.claimant.userId,
            'booking-claim',
            now,
            patientId,
          );
          claim = { to: resolved.claimant, link };
        }
      }
      // Procedures need a consultation first (clinic setting); an override reason is stored with the booking.
      if (type.row.treatment_slug) {
        await assertConsultationDone(trx, patientId, {
          now,
          override: body.consultationOverrideReason
            ? { reason: body.consultationOverrideReason, actorId: actor?.userId ?? null }
            : undefined,
        });
      }
      await insertAppointment(
        trx,
        {
          id,
          type_id: type.row.id,
          provider_id: providerId,
          location_id: location.id,
          patient_id: patientId,
          start_at: start,
          end_at: end,
          busy_start_at: busyStart,
          busy_end_at: busyEnd,
          status: 'booked',
          notes: body.notes ?? null,
          manage_token_hash: hashToken(token),
          ical_uid: `${id}@anagen`,
          ical_sequence: 0,
          series_id: null,
          patient_confirmed_at: null,
          cancelled_at: null,
          cancel_reason: null,
          created_by: actor?.userId ?? null,
          created_at: now,
          updated_at: now,
        },
        type.resourceIds,
      );
      await recordAudit(
        trx,
        { actor, at: clock.now(), ip },
        { action: 'appointment.create', resource: 'appointment', resourceId: id, patientId },
      );
      await queueBookingNotices(trx, {
        appointmentId: id,
        patientId,
        recipient: body.patient && !actor ? body.patient.email : undefined,
        start,
        sequence: 0,
        reminderHours: settings.reminderHours,
        now,
      });
      await syncPreparationForAppointment(trx, id, now);
      const provider = providers.find((p) => p.id === providerId)!;
      const address = await findLocationAddress(trx, location.id);
      const body201: Appointment = {
        id,
        status: 'booked',
        start: iso(start),
        end: iso(end),
        providerId,
        providerName: provider.name,
        type: type.row.slug,
        typeName: type.row.name,
        durationMinutes: type.row.duration_minutes,
        timeZone: location.timeZone,
        locationName: location.name,
        locationAddress: address,
        mapUrl: mapSearchUrl(address),
        resourceIds: type.resourceIds,
        patientConfirmedAt: null,
        cancelledAt: null,
        cancellableUntil: iso(start - settings.cancellationCutoffHours * 3_600_000),
        seriesId: null,
        sequence: 0,
      };
      if (actor) {
        body201.patientId = patientId;
        body201.notes = body.notes ?? null;
      }
      if (idemKey) {
        await saveIdempotentResponse(trx, {
          key: idemKey,
          request_hash: requestHash,
          status_code: 201,
          response_json: JSON.stringify(body201),
          created_at: now,
        });
      }
      return { status: 201, body: { ...body201, manageToken: token } };
    });
    if (claim) booked.claimMail = { to: claim.to, mail: { kind: 'booking-claim', ...claim.link } };
    return booked;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    if (idemKey) {
      const replay = await replayIdempotent(deps, idemKey, requestHash);
      if (replay) return replay;
    }
    throw slotTaken();
  }
}

/**
 * The first response for a retried request. The stored copy never holds the raw manage token; a
 * replay gets a fresh one for the same appointment (tokens are only ever stored hashed).
 */
async function replayIdempotent(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  key: string,
  requestHash: string,
): Promise<BookingResult | null> {
  const k = deps.db.kysely;
  const hit = await findIdempotentResponse(k, key);
  if (!hit) return null;
  if (hit.request_hash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different booking. Use a new key for a new request.',
    );
  }
  const body = JSON.parse(hit.response_json) as Appointment;
  const token = newToken();
  await insertToken(k, hashToken(token), body.id, 'manage', deps.clock.now());
  return { status: 201, body: { ...body, manageToken: token } };
}
