import type { Kysely } from 'kysely';
import type { AppointmentStatus, AppointmentTable, Database } from '../../db/schema';
import { MAX_BUSY_SPAN_MS } from '../availability/scheduling.repository';
import { addPatientRecord } from '../patients/create-patient';

export interface Span {
  providerId: string;
  resourceIds: readonly string[];
  busyStart: number;
  busyEnd: number;
  excludeAppointmentId?: string | undefined;
}

/**
 * Whether anything live already holds the provider or one of the resources during the busy span
 * (half-open overlap). Run inside the locked booking transaction: this is the authoritative check.
 */
export async function hasConflict(trx: Kysely<Database>, s: Span): Promise<boolean> {
  let appts = trx
    .selectFrom('appointments')
    .select('id')
    .where('provider_id', '=', s.providerId)
    .where('status', '<>', 'cancelled')
    // The lower bound keeps the (provider_id, busy_start_at) index scan to a few rows.
    .where('busy_start_at', '>', s.busyStart - MAX_BUSY_SPAN_MS)
    .where('busy_start_at', '<', s.busyEnd)
    .where('busy_end_at', '>', s.busyStart);
  if (s.excludeAppointmentId) appts = appts.where('id', '<>', s.excludeAppointmentId);
  const blocks = trx
    .selectFrom('blocks')
    .select('id')
    .where('start_at', '<', s.busyEnd)
    .where('end_at', '>', s.busyStart)
    .where((eb) =>
      s.resourceIds.length
        ? eb.or([eb('provider_id', '=', s.providerId), eb('resource_id', 'in', s.resourceIds)])
        : eb('provider_id', '=', s.providerId),
    );
  if (await appts.unionAll(blocks).limit(1).executeTakeFirst()) return true;

  if (!s.resourceIds.length) return false;
  let held = trx
    .selectFrom('appointment_resources')
    .innerJoin('appointments', 'appointments.id', 'appointment_resources.appointment_id')
    .select('appointments.id')
    .where('appointment_resources.resource_id', 'in', s.resourceIds)
    .where('appointments.status', '<>', 'cancelled')
    .where('appointments.busy_start_at', '>', s.busyStart - MAX_BUSY_SPAN_MS)
    .where('appointments.busy_start_at', '<', s.busyEnd)
    .where('appointments.busy_end_at', '>', s.busyStart);
  if (s.excludeAppointmentId) held = held.where('appointments.id', '<>', s.excludeAppointmentId);
  return !!(await held.limit(1).executeTakeFirst());
}

export async function insertAppointment(
  trx: Kysely<Database>,
  row: AppointmentTable,
  resourceIds: readonly string[],
): Promise<void> {
  await trx.insertInto('appointments').values(row).execute();
  if (resourceIds.length) {
    await trx
      .insertInto('appointment_resources')
      .values(resourceIds.map((resource_id) => ({ appointment_id: row.id, resource_id })))
      .execute();
  }
}

function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('appointments')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .innerJoin('providers', 'providers.id', 'appointments.provider_id')
    .innerJoin('locations', 'locations.id', 'appointments.location_id')
    .innerJoin('patients', 'patients.id', 'appointments.patient_id')
    .innerJoin('clinics', 'clinics.id', 'locations.clinic_id')
    .selectAll('appointments')
    .select([
      'appointment_types.slug as type_slug',
      'appointment_types.name as type_name',
      'appointment_types.duration_minutes',
      'appointment_types.buffer_before_minutes',
      'appointment_types.buffer_after_minutes',
      'providers.name as provider_name',
      'locations.name as location_name',
      'locations.address as location_address',
      'locations.time_zone',
      'locations.clinic_id',
      'patients.name as patient_name',
      'patients.email as patient_email',
      'clinics.name as clinic_name',
      'clinics.email as clinic_email',
      'clinics.phone as clinic_phone',
      'clinics.settings_json as clinic_settings_json',
    ]);
}

/** The appointment with the names a person needs to read it (and its clinic's contact details). */
export async function findAppointmentView(
  db: Kysely<Database>,
  id: string,
  opts: { resources?: boolean } = {},
) {
  const row = await viewQuery(db).where('appointments.id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (opts.resources === false) return { ...row, resource_ids: [] as string[] };
  const resources = await db
    .selectFrom('appointment_resources')
    .select('resource_id')
    .where('appointment_id', '=', id)
    .execute();
  return { ...row, resource_ids: resources.map((r) => r.resource_id).sort() };
}
export type AppointmentView = NonNullable<Awaited<ReturnType<typeof findAppointmentView>>>;

/** Appointments of a patient, or of every provider in `[fromMs, toMs)`, ordered by start. */
export async function listAppointmentViews(
  db: Kysely<Database>,
  filter: { patientId: string } | { fromMs: number; toMs: number; includeCancelled: boolean },
): Promise<AppointmentView[]> {
  let q = viewQuery(db);
  if ('patientId' in filter) q = q.where('appointments.patient_id', '=', filter.patientId);
  else {
    q = q.where('appointments.start_at', '<', filter.toMs).where('appointments.end_at', '>', filter.fromMs);
    if (!filter.includeCancelled) q = q.where('appointments.status', '<>', 'cancelled');
  }
  const rows = await q.orderBy('appointments.start_at').orderBy('appointments.id').execute();
  if (!rows.length) return [];
  const held = await db
    .selectFrom('appointment_resources')
    .select(['appointment_id', 'resource_id'])
    .where(
      'appointment_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byId = new Map<string, string[]>();
  for (const h of held) {
    const list = byId.get(h.appointment_id) ?? [];
    list.push(h.resource_id);
    byId.set(h.appointment_id, list);
  }
  return rows.map((r) => ({ ...r, resource_ids: (byId.get(r.id) ?? []).sort() }));
}

export async function updateAppointment(
  trx: Kysely<Database>,
  id: string,
  set: Partial<AppointmentTable>,
): Promise<void> {
  await trx.updateTable('appointments').set(set).where('id', '=', id).execute();
}

/**
 * Updates the appointment only while it still has `expected` status (compare-and-set): false when
 * someone changed it since it was read (cancelled it, say), so the caller can answer 409.
 */
export async function updateAppointmentIfStatus(
  trx: Kysely<Database>,
  id: string,
  expected: AppointmentStatus,
  set: Partial<AppointmentTable>,
): Promise<boolean> {
  const res = await trx
    .updateTable('appointments')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertToken(
  trx: Kysely<Database>,
  tokenHash: string,
  appointmentId: string,
  purpose: string,
  now: number,
): Promise<void> {
  await trx
    .insertInto('appointment_tokens')
    .values({ token_hash: tokenHash, appointment_id: appointmentId, purpose, created_at: now })
    .execute();
}

/**
 * A guest's link (manage or confirm) stops working this long after the appointment's end: long
 * enough to look the visit up or download it for the calendar afterwards, short enough that an old
 * email in a forwarded thread or a shared mailbox does not open the booking for ever. Moving the
 * appointment moves the expiry with it; staff and the signed-in patient are not affected.
 */
export const MANAGE_LINK_DAYS_AFTER_END = 30;

export const manageLinkExpired = (appt: { end_at: number }, now: number): boolean =>
  now > appt.end_at + MANAGE_LINK_DAYS_AFTER_END * 86_400_000;

/**
 * Whether `tokenHash` opens the appointment: the booking's own token (hash on the row) or one sent
 * in a message (appointment_tokens).
 */
export async function tokenOpens(
  db: Kysely<Database>,
  appt: { id: string; manage_token_hash: string | null },
  tokenHash: string,
): Promise<boolean> {
  if (appt.manage_token_hash === tokenHash) return true;
  const hit = await db
    .selectFrom('appointment_tokens')
    .select('appointment_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return hit?.appointment_id === appt.id;
}

/** Links to the oldest patient record with this email, or creates one. */
/**
 * The record a booking made from typed-in details (a guest's, or staff's without a chosen record)
 * goes to. It never joins a record that has an account: typing an address proves nothing, and the
 * account's owner would otherwise see (or an impostor would write into) someone else's bookings.
 * An earlier account-less record with the address is reused; otherwise a new one is made. When the
 * address belongs to a verified account, `claimant` says whose mailbox may claim the booking.
 */
export async function resolveBookingPatient(
  trx: Kysely<Database>,
  p: { id: string; name: string; email: string; phone: string | null; now: number },
): Promise<{ patientId: string; claimant?: { userId: string; email: string; name: string } }> {
  const email = p.email.toLowerCase();
  const existing = await trx
    .selectFrom('patients')
    .select('id')
    .where('email', '=', email)
    .where('user_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const account = await trx
    .selectFrom('users')
    .innerJoin('patients', 'patients.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.name', 'users.email_verified_at'])
    .where('users.email', '=', email)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  const claimant =
    account && account.email_verified_at !== null
      ? { userId: account.id, email: account.email, name: account.name }
      : undefined;
  if (existing) return { patientId: existing.id, ...(claimant ? { claimant } : {}) };
  await addPatientRecord(trx, { id: p.id, name: p.name, email, phone: p.phone }, p.now);
  return { patientId: p.id, ...(claimant ? { claimant } : {}) };
}

export async function findIdempotentResponse(db: Kysely<Database>, key: string) {
  return db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveIdempotentResponse(
  trx: Kysely<Database>,
  row: { key: string; request_hash: string; status_code: number; response_json: string; created_at: number },
): Promise<void> {
  await trx.insertInto('idempotency_keys').values(row).execute();
}

/** A location's street address (null when not set), for the answer to a booking. */
export async function findLocationAddress(db: Kysely<Database>, locationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('locations')
    .select('address')
    .where('id', '=', locationId)
    .executeTakeFirst();
  return row?.address ?? null;
}

/**
 * Records one attempt under `key` and counts those since `since`, the new one included: recording
 * first means concurrent requests cannot all slip under a limit.
 */
export async function recordAttemptAndCount(
  db: Kysely<Database>,
  a: { id: string; key: string; at: number; since: number },
): Promise<number> {
  await db.insertInto('login_attempts').values({ id: a.id, key: a.key, at: a.at }).execute();
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', a.key)
    .where('at', '>=', a.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The status and iCalendar sequence as committed now, to detect a change made meanwhile. */
export async function findAppointmentState(trx: Kysely<Database>, id: string) {
  return trx
    .selectFrom('appointments')
    .select(['status', 'ical_sequence'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records the patient's "I'm coming" once: the first answer wins. */
export async function markPatientConfirmed(db: Kysely<Database>, id: string, at: number): Promise<void> {
  await db
    .updateTable('appointments')
    .set({ patient_confirmed_at: at })
    .where('id', '=', id)
    .where('patient_confirmed_at', 'is', null)
    .execute();
}
