import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

/** Attempts per client address in the window before sign-in and registration answer 429. */
export const ADDRESS_LIMIT = 20;
export const WINDOW_MS = 15 * 60_000;
/** Consecutive wrong passwords before an account is locked for LOCK_MS. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const LOCK_MS = 15 * 60_000;

/**
 * Counts an attempt from `key` and says whether it is still within the limit. Stored in the
 * database (not process memory) so the limit holds across several app servers and restarts.
 */
export async function takeAttempt(db: Kysely<Database>, key: string, now: number): Promise<boolean> {
  await db
    .deleteFrom('login_attempts')
    .where('at', '<', now - WINDOW_MS)
    .execute();
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= ADDRESS_LIMIT) return false;
  await db.insertInto('login_attempts').values({ id: newId(), key, at: now }).execute();
  return true;
}
