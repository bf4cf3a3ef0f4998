import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import { createLocalStorage } from '../../lib/storage';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';
import { insertAuditEntry } from '../audit/audit.repository';
import { createBackup } from './backup.service';
import { RestoreRefused, restoreBackup } from './restore.service';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Per table: row count and a hash of the rows (order-independent, key-order-independent). */
async function tableDigest(db: Db): Promise<Record<string, { rows: number; sha: string }>> {
  const tables = (await db.kysely.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'));
  const out: Record<string, { rows: number; sha: string }> = {};
  for (const name of tables.sort()) {
    // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its type
    const rows = await (db.kysely as any).selectFrom(name).selectAll().execute();
    const lines = rows
      .map((r: Record<string, unknown>) =>
        JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))),
      )
      .sort();
    out[name] = { rows: rows.length, sha: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

async function fileDigest(storage: Storage): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await storage.list()).sort()) {
    out[key] = createHash('sha256')
      .update((await storage.get(key))!)
      .digest('hex');
  }
  return out;
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-restore-'));

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let t: TestApp;
  let archive: string;
  let seededFiles = 0;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Some history beyond the demo seed: audited reads, odd text, binary files in nested keys.
    await t.app.inject({
      url: '/api/patients/demo-patient-1',
      headers: { cookie: await signIn(t.app, 'clinician@example.com') },
    });
    await insertAuditEntry(t.testDb.db.kysely, {
      at: TEST_NOW + 1,
      actorId: null,
      actorRole: null,
      action: 'test.unicode',
      resource: 'x',
      ip: null,
      detail: 'Zoë ☃ "quotes", new\nline \\ backslash',
    });
    seededFiles = (await t.deps.storage.list()).length;
    await t.deps.storage.put('photos/p1/original.jpg', Buffer.from([0, 1, 2, 255, 254, 10, 13]));
    await t.deps.storage.put('photos/p1/thumb.webp', Buffer.alloc(3 << 20, 7));
    await t.deps.storage.put('readme.txt', Buffer.from('hello'));
    archive = path.join(tmp(), 'clinic.anagen-backup');
    const r = await createBackup({
      db: t.testDb.db,
      storage: t.deps.storage,
      file: archive,
      now: TEST_NOW,
      progress: (l) => lines.push(l),
    });
    expect(r.files).toBe(seededFiles + 3);
    expect(r.rows).toBeGreaterThan(20);
  });
  afterAll(() => t.close());

  it('reports progress per table and for files', () => {
    expect(lines.some((l) => /table \d+\/\d+ users: 5 rows/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(`files ${seededFiles + 3}/${seededFiles + 3}`))).toBe(true);
  });

  it('round-trips every table and file without loss', async () => {
    const target: TestDatabase = await createTestDatabase(dialect);
    try {
      if (dialect === 'sqlite') await target.db.destroy(); // the restore opens the file itself
      const dataDir = dialect === 'sqlite' ? tmp() : target.dataDir;
      const r = await restoreBackup({
        target: { dataDir, databaseUrl: target.url },
        file: archive,
        progress: () => {},
      });
      expect(r.files).toBe(seededFiles + 3);
      const { openSqlite } = await import('../../db/database');
      const restored = dialect === 'sqlite' ? openSqlite(path.join(dataDir, 'anagen.db')) : target.db;
      try {
        const before = await tableDigest(t.testDb.db);
        const after = await tableDigest(restored);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        expect(after).toEqual(before);
        expect(before.audit_log!.rows).toBeGreaterThanOrEqual(3);
        expect(await fileDigest(createLocalStorage(path.join(dataDir, 'files')))).toEqual(
          await fileDigest(t.deps.storage),
        );
        const row = await restored.kysely
          .selectFrom('audit_log')
          .select('detail')
          .where('action', '=', 'test.unicode')
          .executeTakeFirst();
        expect(row?.detail).toBe('Zoë ☃ "quotes", new\nline \\ backslash');
      } finally {
        if (dialect === 'sqlite') await restored.destroy();
      }
    } finally {
      if (dialect === 'postgres') await target.drop();
    }
  });

  it('takes a consistent snapshot while the app keeps writing', async () => {
    const file = path.join(tmp(), 'busy');
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        // Yield to I/O between writes: SQLite calls resolve without ever leaving the microtask queue.
        await new Promise((r) => setImmediate(r));
        await insertAuditEntry(t.testDb.db.kysely, {
          at: TEST_NOW + 10 + i++,
          actorId: null,
          actorRole: null,
          action: 'busy.write',
          resource: 'x',
          ip: null,
        });
      }
      return i;
    })();
    try {
      const r = await createBackup({
        db: t.testDb.db,
        storage: t.deps.storage,
        file,
        now: TEST_NOW,
        progress: () => {},
      });
      expect(r.rows).toBeGreaterThan(20);
    } finally {
      writing = false;
    }
    expect(await writer).toBeGreaterThan(0);
  });

  it('refuses a target that is not empty, before writing anything', async () => {
    // The source itself is as non-empty as a target can be.
    await expect(
      restoreBackup({
        target: { dataDir: t.testDb.dataDir, databaseUrl: t.testDb.url },
        file: archive,
        progress: () => {},
      }),
    ).rejects.toThrow(RestoreRefused);
    const onlyFiles = tmp();
    fs.mkdirSync(path.join(onlyFiles, 'files'));
    fs.writeFileSync(path.join(onlyFiles, 'files', 'stray.jpg'), 'x');
    await expect(
      restoreBackup({ target: { dataDir: onlyFiles }, file: archive, progress: () => {} }),
    ).rejects.toThrow(/not empty/);
    expect(fs.existsSync(path.join(onlyFiles, 'anagen.db'))).toBe(false);
  });

  it('rejects a damaged archive', async () => {
    const damaged = path.join(tmp(), 'damaged');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const dataDir = tmp();
    const target = dialect === 'postgres' ? await createTestDatabase('postgres') : null;
    try {
      await expect(
        restoreBackup({ target: { dataDir, databaseUrl: target?.url }, file: damaged, progress: () => {} }),
      ).rejects.toThrow(/damaged|incomplete|ends early/);
      expect(fs.existsSync(path.join(dataDir, 'anagen.db'))).toBe(false);
      if (target) {
        const users = await target.db.kysely
          .selectFrom('users')
          .select('id')
          .execute()
          .catch(() => []);
        expect(users).toEqual([]);
      }
    } finally {
      await target?.drop();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('backup across dialects', () => {
  it('loads a SQLite backup into PostgreSQL with the same rows', async () => {
    const source = await createTestApp('sqlite');
    const target = await createTestDatabase('postgres');
    try {
      const file = path.join(tmp(), 'cross');
      await createBackup({
        db: source.testDb.db,
        storage: source.deps.storage,
        file,
        now: TEST_NOW,
        progress: () => {},
      });
      await restoreBackup({
        target: { dataDir: target.dataDir, databaseUrl: target.url },
        file,
        progress: () => {},
      });
      expect(await tableDigest(target.db)).toEqual(await tableDigest(source.testDb.db));
    } finally {
      await target.drop();
      await source.close();
    }
  });
});

describe('the CLI', () => {
  it('backs up with progress output and refuses to restore into a non-empty data dir with a non-zero exit', async () => {
    const source = await createTestApp('sqlite');
    try {
      const file = path.join(tmp(), 'cli-backup');
      const { DATABASE_URL: _ignored, ...parentEnv } = process.env;
      const env = { ...parentEnv, ANAGEN_DATA_DIR: source.testDb.dataDir, LOG_LEVEL: 'silent' };
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', ...args], {
          cwd: ROOT,
          env,
          encoding: 'utf8',
          timeout: 60_000,
        });
      const backup = run('backup', file);
      expect(backup.stdout).toMatch(/table \d+\/\d+ users: 5 rows/);
      expect(backup.stdout).toMatch(/Backup complete: \d+ tables/);
      expect(backup.status).toBe(0);
      const refused = run('restore', file);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/restore needs an empty data dir/);
      const fresh = tmp();
      const ok = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'restore', file],
        {
          cwd: ROOT,
          env: { ...env, ANAGEN_DATA_DIR: fresh },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(ok.stdout).toMatch(/Restore complete/);
      expect(ok.status).toBe(0);
    } finally {
      await source.close();
    }
  }, 120_000);
});
