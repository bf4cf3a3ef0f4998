import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken } from '../../lib/ids';

/**
 * Wrong-password state for an email that has no (active) account, kept like a real account's
 * `failed_logins`/`locked_until`, so that the lock answer after repeated failures cannot tell a
 * stranger which emails are registered.
 */
export async function findUnknownEmailState(db: Kysely<Database>, email: string) {
  const row = await db
    .selectFrom('unknown_login_failures')
    .select(['failed_logins', 'locked_until'])
    .where('email_hash', '=', hashToken(email.toLowerCase()))
    .executeTakeFirst();
  return {
    failed_logins: Number(row?.failed_logins ?? 0),
    locked_until: row?.locked_until == null ? null : Number(row.locked_until),
  };
}

const FORGET_AFTER_MS = 30 * 24 * 3600_000;

export async function recordUnknownEmailFailure(
  db: Kysely<Database>,
  email: string,
  failedLogins: number,
  lockedUntil: number | null,
  now: number,
): Promise<void> {
  const email_hash = hashToken(email.toLowerCase());
  // Typed-in addresses pile up: a month without a failure forgets one (a real account's count
  // would still be there, a difference only a patient month-long probe could see).
  await db
    .deleteFrom('unknown_login_failures')
    .where('updated_at', '<', now - FORGET_AFTER_MS)
    .execute();
  await db
    .insertInto('unknown_login_failures')
    .values({ email_hash, failed_logins: failedLogins, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('email_hash')
        .doUpdateSet({ failed_logins: failedLogins, locked_until: lockedUntil, updated_at: now }),
    )
    .execute();
}
