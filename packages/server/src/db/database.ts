import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../lib/private-files';
import type { Database } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** SQLite handle, for the online backup API; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  destroy(): Promise<void>;
}

// int8 (COUNT, bigint epoch-ms columns) comes back from pg as a string by default;
// our instants fit comfortably in a double, so parse them as numbers on both dialects.
pg.types.setTypeParser(20, (v) => Number(v));

export function openSqlite(file: string): Db {
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
    // SQLite gives its -wal and -shm files the database file's mode, so this covers all three.
    fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoint every ~16 MB of WAL instead of 4 MB: bookings rewrite the same index pages, so fewer,
  // larger checkpoints halve the cost of a commit (measured) at the price of a longer, rarer pause.
  sqlite.pragma('wal_autocheckpoint = 4000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }) });
  return { kysely, dialect: 'sqlite', sqlite, destroy: () => kysely.destroy() };
}

// Kysely prepares every query anew; on hot paths (availability, booking) preparing cost about as
// much as running. Statements are reused by SQL text; Kysely never streams on SQLite here, so a
// cached statement is never busy when it is reused. Bounded so ad-hoc SQL cannot grow it forever.
function cachingPrepare(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (source: string) => {
      let stmt = cache.get(source);
      if (!stmt) {
        stmt = sqlite.prepare(source);
        if (cache.size >= 2000) cache.clear();
        cache.set(source, stmt);
      }
      return stmt;
    },
  };
}

export function openPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (server restart, database dropped) must not crash the
  // process: without a listener the pool re-throws it as an unhandled 'error' event.
  pool.on('error', (err) => console.warn(`[db] idle PostgreSQL connection closed: ${err.message}`));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', destroy: () => kysely.destroy() };
}

export function openDb(opts: { databaseUrl?: string; dataDir: string }): Db {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(path.join(opts.dataDir, 'anagen.db'));
}
