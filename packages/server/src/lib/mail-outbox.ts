import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AppDeps } from '../deps';
import { findOutboxEntry, markOutboxSent, recordSendAttempt } from './mail-outbox.repository';
import type { MailMessage, MailResult } from './mailer';

export interface OnceResult extends MailResult {
  /** True when an earlier attempt (on any server) had already sent this message: nothing was sent now. */
  alreadySent: boolean;
}

/** The Message-ID every attempt under one key carries, so a receiver can drop a duplicate. */
function messageIdFor(key: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'anagen.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${host}>`;
}

/**
 * Sends `message` at most once per idempotency `key`, across retries and servers: an outbox row
 * already `sent` means skip. `afterSent` runs in the same transaction that marks the row sent, so a
 * feature's own record of the mail (a delivery, a "clinic notified" stamp) commits with it. The one
 * window left — the SMTP server accepted and the process died before that commit — resends with the
 * same Message-ID (decision 240).
 */
export async function sendMailOnce(
  deps: Pick<AppDeps, 'db' | 'mailer' | 'clock' | 'config'>,
  key: string,
  message: MailMessage,
  afterSent?: (trx: Transaction<Database>, result: MailResult) => Promise<void>,
): Promise<OnceResult> {
  const db = deps.db.kysely;
  const messageId = messageIdFor(key, deps.config.publicUrl);
  const existing = await findOutboxEntry(db, key);
  if (existing?.status === 'sent') {
    return {
      response: existing.server_response ?? 'sent',
      messageId: existing.message_id,
      alreadySent: true,
    };
  }
  await recordSendAttempt(db, key, messageId, deps.clock.now());
  const result = await deps.mailer.send({ ...message, messageId });
  await db.transaction().execute(async (trx) => {
    await markOutboxSent(trx, key, result.response, deps.clock.now());
    await afterSent?.(trx, result);
  });
  return { ...result, alreadySent: false };
}
