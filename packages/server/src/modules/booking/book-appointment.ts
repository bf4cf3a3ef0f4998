import { createHash } from 'node:crypto';
import { type Actor, isStaff } from '@anagen/core/access';
import type { Appointment, CreateAppointment } from '@anagen/core/contracts';
import { findOpenSlots, validateBookingStart } from '@anagen/core/scheduling';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { assertPatientAccess } from '../../lib/patient-scope';
import type { AccountMail } from '../auth/account-mail';
import type { LoadedType } from '../availability/scheduling.repository';
import { loadSchedulingContext } from '../availability/scheduling-context';
import { requireVisibleType } from '../availability/visible-type';
import { findIdempotentResponse, insertToken, saveIdempotentResponse } from './booking.repository';
import { assertSpanBounded, bookingRejection, slotTaken } from './booking.service';
import { isUniqueViolation, lockRows, withBookingTransaction } from './booking-lock.repository';
import { throttleGuestBooking } from './guest-throttle';
import { type ChosenSlot, type ClaimLink, writeBooking } from './write-booking';

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

/** An `Idempotency-Key` scoped to who sent it, with the hash of the request it was first used for. */
interface Idempotency {
  key: string;
  requestHash: string;
}

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
  const { body, ip } = input;
  const { db } = deps;
  const now = deps.clock.now();

  const type = await validateRequest(deps, actor, body, ip);
  const idem = idempotencyOf(actor, input.idempotencyKey, body);
  if (idem) {
    const replay = await replayIdempotent(deps, idem);
    if (replay) return replay;
  }
  const knownPatientId = await bookingPatientId(deps, actor, body, ip);
  const slot = await chooseSlot(db.kysely, type, body, now);

  const token = newToken();
  const id = newId();
  let claim: ClaimLink | undefined;
  try {
    const booked = await withBookingTransaction(db, async (trx): Promise<BookingResult> => {
      await lockRows(trx, db, slot.candidates, type.resourceIds);
      const written = await writeBooking(trx, deps, actor, {
        id,
        token,
        type,
        slot,
        patientId: knownPatientId,
        body,
        now,
        ip,
      });
      const body201 = written.body;
      claim = written.claim;
      if (idem) {
        await saveIdempotentResponse(trx, {
          key: idem.key,
          request_hash: idem.requestHash,
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
    if (idem) {
      const replay = await replayIdempotent(deps, idem);
      if (replay) return replay;
    }
    throw slotTaken();
  }
}

/**
 * Step 1, before anything is read for the slot: the guest brake, a type this actor may book, and
 * the fields only staff may send (another patient, a consultation override) or a guest must send.
 */
async function validateRequest(
  deps: AppDeps,
  actor: Actor | null,
  body: CreateAppointment,
  ip: string,
): Promise<LoadedType> {
  const staff = isStaff(actor);
  await throttleGuestBooking(deps, actor, { ip });
  const type = await requireVisibleType(deps.db.kysely, actor, body.type);
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
  return type;
}

function idempotencyOf(
  actor: Actor | null,
  idempotencyKey: string | undefined,
  body: CreateAppointment,
): Idempotency | undefined {
  if (!idempotencyKey) return undefined;
  return {
    key: `${actor?.userId ?? 'guest'}:${idempotencyKey}`,
    requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
  };
}

/**
 * Step 2, who the appointment is for when that is known before the transaction. Staff: a given
 * record, checked and audited (or null: a new one from `patient`); a patient: themself; a guest:
 * null (linked or created by email inside the transaction).
 */
async function bookingPatientId(
  deps: AppDeps,
  actor: Actor | null,
  body: CreateAppointment,
  ip: string,
): Promise<string | null> {
  const access = {
    scope: 'scheduling',
    mode: 'write',
    action: 'appointment.create',
    resource: 'appointment',
  } as const;
  if (isStaff(actor)) {
    if (body.patientId) {
      await assertPatientAccess(deps, actor, body.patientId, access, ip);
      return body.patientId;
    }
    if (!body.patient) {
      throw new AppError('VALIDATION_FAILED', 'Choose the patient this appointment is for.', {
        errors: [{ path: 'body.patientId', message: 'is required' }],
      });
    }
    return null;
  }
  if (!actor) return null;
  if (!actor.patientId) throw new AppError('FORBIDDEN', 'This account has no patient record to book for.');
  await assertPatientAccess(deps, actor, actor.patientId, access, ip);
  return actor.patientId;
}

/**
 * Step 3, the slot: the pure policy (core) decides from what was read whether the start is a free,
 * aligned slot and which providers are free at it; no database in that decision.
 */
async function chooseSlot(
  k: Kysely<Database>,
  type: LoadedType,
  body: CreateAppointment,
  now: number,
): Promise<ChosenSlot> {
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
  return { start, end, busyStart, busyEnd, candidates, location, providers };
}

/**
 * The first response for a retried request. The stored copy never holds the raw manage token; a
 * replay gets a fresh one for the same appointment (tokens are only ever stored hashed).
 */
async function replayIdempotent(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  idem: Idempotency,
): Promise<BookingResult | null> {
  const k = deps.db.kysely;
  const hit = await findIdempotentResponse(k, idem.key);
  if (!hit) return null;
  if (hit.request_hash !== idem.requestHash) {
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
