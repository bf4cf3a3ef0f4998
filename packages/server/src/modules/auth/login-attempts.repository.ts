import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

/**
 * Attempts recorded under `key` since `since`; also clears rows older than `since` (any key), so
 * the table holds one window's worth.
 */
export async function countRecentAttempts(db: Kysely<Database>, key: string, since: number): Promise<number> {
  await db.deleteFrom('login_attempts').where('at', '<', since).execute();
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAttempts(db: Kysely<Database>, keys: string[], now: number): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values(keys.map((key) => ({ id: newId(), key, at: now })))
    .execute();
}
