import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/dialects';
import { createMailer } from './mailer';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/anagen.js');
const run = promisify(execFile);

/** Every entry under `dir` with a group/other permission bit set, as "path mode". */
function tooOpen(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.mode & 0o077) out.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return out;
}

describe.each(DIALECTS)('files on disk on %s', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // A data dir that does not exist yet, under a parent anyone may read, as ./data would be.
    dataDir = path.join(t.dataDir, 'fresh', 'data');
    fs.mkdirSync(path.dirname(dataDir), { mode: 0o755 });
    env = { ...process.env, ANAGEN_DATA_DIR: dataDir };
    if (t.url) env.DATABASE_URL = t.url;
    else delete env.DATABASE_URL;
  });
  afterAll(() => t.drop());

  it('keeps the data dir, database, photos and backups readable by the server user only', async () => {
    // seed-demo writes the database (SQLite) and the demo photos; backup writes an archive.
    await run(process.execPath, [BIN, 'seed-demo'], { env, timeout: 120_000 });
    const backup = path.join(dataDir, 'backups', 'first.anagen');
    fs.mkdirSync(path.dirname(backup), { mode: 0o700 });
    await run(process.execPath, [BIN, 'backup', backup], { env, timeout: 120_000 });
    expect(fs.existsSync(backup)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'files')).length).toBeGreaterThan(0);
    if (dialect === 'sqlite') expect(fs.existsSync(path.join(dataDir, 'anagen.db'))).toBe(true);
    expect(tooOpen(dataDir)).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')(
    'tightens a data dir and database file an older version left open',
    async () => {
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(path.join(dataDir, 'anagen.db'), 0o644);
      await run(process.execPath, [BIN, 'migrate'], { env, timeout: 120_000 });
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      expect((fs.statSync(path.join(dataDir, 'anagen.db')).mode & 0o777).toString(8)).toBe('600');
    },
  );
});

describe('the mail outbox', () => {
  it('writes each mail owner-only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-outbox-'));
    try {
      await createMailer({ from: 'clinic@example.com', dataDir: dir }).send({
        to: 'pat@example.org',
        subject: 'Your appointment',
        text: 'See you soon.',
      });
      expect(tooOpen(dir)).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'outbox'))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
