import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Inserts a booked appointment row directly, so care tests do not depend on the booking engine. */
export async function insertTestAppointment(
  db: Kysely<Database>,
  a: {
    id: string;
    patientId: string;
    typeId: string;
    startAt: number;
    minutes: number;
    now: number;
    providerId?: string;
  },
): Promise<void> {
  const end = a.startAt + a.minutes * 60_000;
  await db
    .insertInto('appointments')
    .values({
      id: a.id,
      type_id: a.typeId,
      provider_id: a.providerId ?? 'demo-provider-morgan',
      location_id: 'demo-location',
      patient_id: a.patientId,
      start_at: a.startAt,
      end_at: end,
      busy_start_at: a.startAt,
      busy_end_at: end,
      status: 'booked',
      notes: null,
      manage_token_hash: null,
      ical_uid: `${a.id}@anagen.test`,
      ical_sequence: 0,
      series_id: null,
      patient_confirmed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      created_by: null,
      created_at: a.now,
      updated_at: a.now,
    })
    .execute();
}
