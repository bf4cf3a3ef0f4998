import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres, openSqlite } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createLocalStorage } from '../lib/storage';
import { seedDemo } from '../modules/demo/seed-demo';
import { TEST_NOW } from './test-now';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, demo-seeded SQLite data dir (anagen.db + files/) to copy per test app. */
    sqliteTemplateDir: string;
    /** A migrated, demo-seeded PostgreSQL database to clone with CREATE DATABASE … TEMPLATE. */
    pgTemplate: { database: string; filesDir: string } | null;
  }
}

const PG_URL = process.env.ANAGEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Seeding the demo clinic analyses its trichoscopy images and takes seconds; doing it once per run
 * and cloning the result keeps each test's database fresh without paying that cost every time.
 */
export default async function setup(project: TestProject) {
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-template-'));
  const sqlite = openSqlite(path.join(sqliteDir, 'anagen.db'));
  await migrateToLatest(sqlite.kysely);
  await seedDemo({
    db: sqlite.kysely,
    now: TEST_NOW,
    storage: createLocalStorage(path.join(sqliteDir, 'files')),
  });
  sqlite.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await sqlite.destroy();
  project.provide('sqliteTemplateDir', sqliteDir);

  let pgTemplate: { database: string; filesDir: string } | null = null;
  if (process.env.ANAGEN_TEST_PG !== '0') {
    const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
      const database = `anagen_tpl_${randomBytes(6).toString('hex')}`;
      await admin.query(`create database ${database}`);
      const url = new URL(PG_URL);
      url.pathname = `/${database}`;
      const db = openPostgres(url.toString(), 4);
      const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-template-pg-'));
      await migrateToLatest(db.kysely);
      await seedDemo({ db: db.kysely, now: TEST_NOW, storage: createLocalStorage(filesDir) });
      await db.destroy();
      pgTemplate = { database, filesDir };
    } catch {
      pgTemplate = null; // dialects.ts decides whether a missing server fails the run or is skipped loudly
    } finally {
      await admin.end().catch(() => {});
    }
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    fs.rmSync(sqliteDir, { recursive: true, force: true });
    if (pgTemplate) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${pgTemplate.database} with (force)`);
      await c.end();
      fs.rmSync(pgTemplate.filesDir, { recursive: true, force: true });
    }
  };
}
