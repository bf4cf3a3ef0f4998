import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, type DialectName, openPostgres, openSqlite } from '../db/database';

const PG_URL = process.env.ANAGEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Which dialects the data-layer suites run on. PostgreSQL is required under CI=true; elsewhere a
 * missing server is skipped with a loud line, and ANAGEN_TEST_PG=0 skips it on purpose.
 */
async function resolveDialects(): Promise<DialectName[]> {
  if (process.env.ANAGEN_TEST_PG === '0') {
    console.warn('\n*** PostgreSQL suites SKIPPED because ANAGEN_TEST_PG=0 ***\n');
    return ['sqlite'];
  }
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required under CI but ${PG_URL} is not reachable`);
  }
  console.warn(
    `\n*** PostgreSQL suites SKIPPED: no server at ${PG_URL}. Start one or set ANAGEN_TEST_PG_URL to run them. ***\n`,
  );
  return ['sqlite'];
}

export const DIALECTS: DialectName[] = await resolveDialects();

export interface TestDatabase {
  db: Db;
  /** A DATABASE_URL for child processes (PostgreSQL only). */
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database of the given dialect, dropped again by `drop()`: empty, or a copy of a seeded
 * template (a SQLite data dir to copy, or a PostgreSQL database to clone) with its files.
 */
export async function createTestDatabase(
  dialect: DialectName,
  template?: { sqliteDir?: string; pgDatabase?: string; filesDir?: string },
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-test-'));
  if (template?.filesDir) fs.cpSync(template.filesDir, path.join(dataDir, 'files'), { recursive: true });
  if (dialect === 'sqlite') {
    if (template?.sqliteDir)
      fs.copyFileSync(path.join(template.sqliteDir, 'anagen.db'), path.join(dataDir, 'anagen.db'));
    const db = openSqlite(path.join(dataDir, 'anagen.db'));
    return {
      db,
      dataDir,
      drop: async () => {
        await db.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `anagen_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(
    `create database ${name}${template?.pgDatabase ? ` template ${template.pgDatabase}` : ''}`,
  );
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 20);
  return {
    db,
    url: url.toString(),
    dataDir,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
