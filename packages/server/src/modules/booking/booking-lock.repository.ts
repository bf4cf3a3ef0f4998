import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

/**
 * Runs `fn` in a write transaction that serialises bookings.
 * - SQLite: `BEGIN IMMEDIATE` takes the database's single write lock before anything is read, so the
 *   overlap re-check and the insert cannot interleave with another writer (in this process Kysely's
 *   single connection already serialises; IMMEDIATE also covers a second process on the same file).
 * - PostgreSQL: an ordinary transaction; callers lock the provider/resource rows with `lockRows`.
 * Inside `fn` use only `trx`, never the outer handle (on SQLite that would wait for itself).
 */
export async function withBookingTransaction<T>(
  db: Db,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute(fn);
  return db.kysely.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

/**
 * PostgreSQL: `SELECT … FOR UPDATE` on the provider row(s), then the resource rows, each in id order,
 * so two bookings touching the same provider or room queue behind each other and never deadlock.
 * SQLite needs nothing here (the IMMEDIATE transaction already holds the only write lock).
 */
export async function lockRows(
  trx: Kysely<Database>,
  db: Db,
  providerIds: readonly string[],
  resourceIds: readonly string[],
): Promise<void> {
  if (db.dialect !== 'postgres') return;
  for (const id of [...new Set(providerIds)].sort()) {
    await trx.selectFrom('providers').select('id').where('id', '=', id).forUpdate().execute();
  }
  for (const id of [...new Set(resourceIds)].sort()) {
    await trx.selectFrom('resources').select('id').where('id', '=', id).forUpdate().execute();
  }
}

/** A unique-constraint violation on either dialect (the partial index is the last line of defence). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
