import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from './migrations';
import { isPostgres } from './migrations/helpers';

// biome-ignore lint/suspicious/noExplicitAny: the migrator is schema-agnostic
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}`);
  }
}

/** Advisory lock keys (any fixed bigint): one for the schema, one for a server's whole start-up. */
const MIGRATION_LOCK_KEY = 0x616e6167656e01n;
export const STARTUP_LOCK_KEY = 0x616e6167656e02n;

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock on its own pooled connection, so that
 * several app servers starting together take turns; the lock is released even when `fn` throws, and
 * by PostgreSQL itself if the process dies. SQLite has one process per database: `fn` just runs.
 */
export async function withAdvisoryLock<T>(
  // biome-ignore lint/suspicious/noExplicitAny: accepts any typed Kysely
  db: Kysely<any>,
  key: bigint,
  fn: () => Promise<T>,
  onWait?: () => void,
): Promise<T> {
  if (!isPostgres(db)) return fn();
  return db.connection().execute(async (conn) => {
    const got = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(${key.toString()}::bigint) as ok`.execute(conn);
    if (!got.rows[0]?.ok) {
      onWait?.();
      await sql`select pg_advisory_lock(${key.toString()}::bigint)`.execute(conn);
    }
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${key.toString()}::bigint)`.execute(conn);
    }
  });
}

/**
 * Brings the schema to the latest version; returns the names of the migrations it applied. On
 * PostgreSQL the whole run holds an advisory lock, so servers starting together migrate once: the
 * others wait, then find nothing left to apply.
 */
// biome-ignore lint/suspicious/noExplicitAny: accepts any typed Kysely
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return withAdvisoryLock(db, MIGRATION_LOCK_KEY, async () => {
    const result = await migrator(db).migrateToLatest();
    check(result);
    return (result.results ?? []).map((r) => r.migrationName);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: accepts any typed Kysely
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results?.length) return;
  }
}
