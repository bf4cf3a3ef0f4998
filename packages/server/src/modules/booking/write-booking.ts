import type { Actor } from '@anagen/core/access';
import { type Appointment, type CreateAppointment, mapSearchUrl } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { hashToken, newId } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { issueAccountToken } from '../auth/account-tokens.repository';
import type { LoadedType } from '../availability/scheduling.repository';
import type { LoadedContext } from '../availability/scheduling-context';
import { queueBookingNotices } from '../notices/notices';
import { assertConsultationDone } from '../plans/consultation-rule';
import { syncPreparationForAppointment } from '../preparation/preparation.service';
import { iso } from './appointment-dto';
import {
  findLocationAddress,
  hasConflict,
  insertAppointment,
  resolveBookingPatient,
} from './booking.repository';
import { slotTaken } from './booking.service';

/** The start the policy accepted, its busy span with buffers, and the providers free at it. */
export interface ChosenSlot {
  start: number;
  end: number;
  busyStart: number;
  busyEnd: number;
  /** Providers the pure policy found free at `start`, in its order of preference. */
  candidates: string[];
  location: LoadedContext['location'];
  providers: LoadedContext['providers'];
}

export type ClaimLink = { to: { email: string; name: string }; link: { token: string; expiresAt: number } };

/**
 * The write half of `bookAppointment`, inside its transaction with the provider and resource rows
 * locked: the first candidate provider with no committed overlap, the patient (found or created from
 * contact details), the appointment with its audit entry, its notices and preparation checklist.
 * Answers the 201 body without the manage token, and the claim link a guest may be offered.
 */
export async function writeBooking(
  trx: Kysely<Database>,
  deps: AppDeps,
  actor: Actor | null,
  input: {
    id: string;
    token: string;
    type: LoadedType;
    slot: ChosenSlot;
    /** Known before the transaction (staff chose a record, a patient books for themself), else null. */
    patientId: string | null;
    body: CreateAppointment;
    now: number;
    ip: string;
  },
): Promise<{ body: Appointment; claim?: ClaimLink }> {
  const { id, type, slot, body, now } = input;
  const providerId = await firstFreeProvider(trx, type, slot);
  const patient = input.patientId
    ? { patientId: input.patientId }
    : await resolveGuestPatient(trx, actor, body, now);
  const { patientId } = patient;
  await writeAppointment(trx, deps, actor, { ...input, providerId, patientId });
  await queueNotices(trx, { id, patientId, actor, body, slot, now });
  const answer = await appointmentBody(trx, { id, type, slot, providerId, patientId, actor, body });
  return patient.claim ? { body: answer, claim: patient.claim } : { body: answer };
}

/** The first candidate with no committed overlap. */
async function firstFreeProvider(trx: Kysely<Database>, type: LoadedType, slot: ChosenSlot): Promise<string> {
  for (const p of slot.candidates) {
    const busy = {
      providerId: p,
      resourceIds: type.resourceIds,
      busyStart: slot.busyStart,
      busyEnd: slot.busyEnd,
    };
    if (!(await hasConflict(trx, busy))) return p;
  }
  throw slotTaken();
}

/**
 * A booking from contact details (a guest's, or staff's without a record): the record with that
 * email, or a new one. Only a guest is offered the claim link for an account with that email: staff
 * chose to book from details on purpose.
 */
async function resolveGuestPatient(
  trx: Kysely<Database>,
  actor: Actor | null,
  body: CreateAppointment,
  now: number,
): Promise<{ patientId: string; claim?: ClaimLink }> {
  const resolved = await resolveBookingPatient(trx, {
    id: newId(),
    name: body.patient!.name,
    email: body.patient!.email,
    phone: body.patient!.phone ?? null,
    now,
  });
  const patientId = resolved.patientId;
  if (!resolved.claimant || actor) return { patientId };
  const link = await issueAccountToken(trx, resolved.claimant.userId, 'booking-claim', now, patientId);
  return { patientId, claim: { to: resolved.claimant, link } };
}

/**
 * The consultation rule for procedures (clinic setting; an override reason is
 * stored with the booking), the appointment row and its audit entry.
 */
async function writeAppointment(
  trx: Kysely<Database>,
  deps: AppDeps,
  actor: Actor | null,
  a: {
    id: string;
    token: string;
    type: LoadedType;
    slot: ChosenSlot;
    providerId: string;
    patientId: string;
    body: CreateAppointment;
    now: number;
    ip: string;
  },
): Promise<void> {
  const { id, type, slot, body, now } = a;
  if (type.row.treatment_slug) {
    await assertConsultationDone(trx, a.patientId, {
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
      provider_id: a.providerId,
      location_id: slot.location.id,
      patient_id: a.patientId,
      start_at: slot.start,
      end_at: slot.end,
      busy_start_at: slot.busyStart,
      busy_end_at: slot.busyEnd,
      status: 'booked',
      notes: body.notes ?? null,
      manage_token_hash: hashToken(a.token),
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
    { actor, at: deps.clock.now(), ip: a.ip },
    { action: 'appointment.create', resource: 'appointment', resourceId: id, patientId: a.patientId },
  );
}

/**
 * The confirmation and reminder (a guest's go to the address they
 * gave) and the preparation checklist, so a booking and its messages commit or vanish together.
 */
async function queueNotices(
  trx: Kysely<Database>,
  a: {
    id: string;
    patientId: string;
    actor: Actor | null;
    body: CreateAppointment;
    slot: ChosenSlot;
    now: number;
  },
): Promise<void> {
  await queueBookingNotices(trx, {
    appointmentId: a.id,
    patientId: a.patientId,
    recipient: a.body.patient && !a.actor ? a.body.patient.email : undefined,
    start: a.slot.start,
    sequence: 0,
    reminderHours: a.slot.location.settings.reminderHours,
    now: a.now,
  });
  await syncPreparationForAppointment(trx, a.id, a.now);
}

/** The 201 answer (without the manage token, which is never stored); a guest does not see the ids. */
async function appointmentBody(
  trx: Kysely<Database>,
  a: {
    id: string;
    type: LoadedType;
    slot: ChosenSlot;
    providerId: string;
    patientId: string;
    actor: Actor | null;
    body: CreateAppointment;
  },
): Promise<Appointment> {
  const { type, slot } = a;
  const provider = slot.providers.find((p) => p.id === a.providerId)!;
  const address = await findLocationAddress(trx, slot.location.id);
  const body201: Appointment = {
    id: a.id,
    status: 'booked',
    start: iso(slot.start),
    end: iso(slot.end),
    providerId: a.providerId,
    providerName: provider.name,
    type: type.row.slug,
    typeName: type.row.name,
    durationMinutes: type.row.duration_minutes,
    timeZone: slot.location.timeZone,
    locationName: slot.location.name,
    locationAddress: address,
    mapUrl: mapSearchUrl(address),
    resourceIds: type.resourceIds,
    patientConfirmedAt: null,
    cancelledAt: null,
    cancellableUntil: iso(slot.start - slot.location.settings.cancellationCutoffHours * 3_600_000),
    seriesId: null,
    sequence: 0,
  };
  if (a.actor) {
    body201.patientId = a.patientId;
    body201.notes = a.body.notes ?? null;
  }
  return body201;
}
