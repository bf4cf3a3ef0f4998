import type { Insertable, Kysely } from 'kysely';
import type { Database, DeliveryTable } from '../../db/schema';

/** One delivery-log row: what was (or will be) sent to whom about an appointment, and how it went. */
export async function insertDelivery(trx: Kysely<Database>, row: Insertable<DeliveryTable>): Promise<void> {
  await trx.insertInto('deliveries').values(row).execute();
}

export async function findDelivery(db: Kysely<Database>, id: string) {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An appointment's messages in the order they were queued, for the desk's delivery log. */
export async function listAppointmentDeliveries(db: Kysely<Database>, appointmentId: string) {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('appointment_id', '=', appointmentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Removes a delivery that will not be sent; a row already `sent` stays in the log. */
export async function deleteUnsentDelivery(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('deliveries').where('id', '=', id).where('status', '<>', 'sent').execute();
}

export async function markDeliverySent(
  trx: Kysely<Database>,
  id: string,
  s: { subject: string; recipient: string; serverResponse: string; sentAt: number },
): Promise<void> {
  await trx
    .updateTable('deliveries')
    .set({
      status: 'sent',
      subject: s.subject,
      recipient: s.recipient,
      server_response: s.serverResponse,
      sent_at: s.sentAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function markDeliveryFailed(
  db: Kysely<Database>,
  id: string,
  f: { subject: string; serverResponse: string },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'failed', subject: f.subject, server_response: f.serverResponse })
    .where('id', '=', id)
    .execute();
}

export async function findPatientEmail(
  trx: Kysely<Database>,
  patientId: string,
): Promise<string | undefined> {
  const row = await trx.selectFrom('patients').select('email').where('id', '=', patientId).executeTakeFirst();
  return row?.email;
}

/** Drops reminders not yet sent (after a reschedule or cancellation), with their log rows. */
export async function dropQueuedReminders(trx: Kysely<Database>, appointmentId: string): Promise<void> {
  const jobs = await trx
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .where('unique_key', 'like', `appt:${appointmentId}:reminder:%`)
    .execute();
  if (!jobs.length) return;
  const ids = jobs.map((j) => j.id);
  await trx
    .updateTable('jobs')
    .set({ status: 'done', last_error: 'superseded' })
    .where('id', 'in', ids)
    .execute();
  await trx.deleteFrom('deliveries').where('job_id', 'in', ids).where('status', '=', 'queued').execute();
}
