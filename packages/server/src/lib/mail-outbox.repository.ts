import type { Kysely, Transaction } from 'kysely';
import type { Database, MailOutboxTable } from '../db/schema';

export async function findOutboxEntry(
  db: Kysely<Database>,
  key: string,
): Promise<MailOutboxTable | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** Records an attempt to send under `key` (a new row, or one more attempt on a row still `sending`). */
export async function recordSendAttempt(
  db: Kysely<Database>,
  key: string,
  messageId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      idempotency_key: key,
      status: 'sending',
      message_id: messageId,
      server_response: null,
      attempts: 1,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('idempotency_key')
        .doUpdateSet((eb) => ({ attempts: eb('mail_outbox.attempts', '+', 1) }))
        .where('mail_outbox.status', '=', 'sending'),
    )
    .execute();
}

export async function markOutboxSent(
  trx: Transaction<Database>,
  key: string,
  response: string,
  now: number,
): Promise<void> {
  await trx
    .updateTable('mail_outbox')
    .set({ status: 'sent', server_response: response.slice(0, 1000), sent_at: now })
    .where('idempotency_key', '=', key)
    .execute();
}
