import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/dialects';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/anagen.js');
const run = promisify(execFile);

describe.each(DIALECTS)('anagen CLI on %s', (dialect) => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    env = { ...process.env, ANAGEN_DATA_DIR: t.dataDir, ANAGEN_PASSWORD: 'a-long-staff-password' };
    if (t.url) env.DATABASE_URL = t.url;
    else delete env.DATABASE_URL;
  });
  afterAll(() => t.drop());

  const anagen = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('migrates, then seeds the demo clinic twice without changing anything the second time', async () => {
    expect((await anagen('migrate')).code).toBe(0);
    const first = await anagen('seed-demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('admin@example.com');
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect((await anagen('seed-demo')).code).toBe(0);
    expect(await count()).toBe(before);
  });

  it('adds a staff user with an argon2id hash and refuses a duplicate', async () => {
    const ok = await anagen(
      'user',
      'add',
      '--email',
      'Nurse@Example.com',
      '--name',
      'Nia Nurse',
      '--role',
      'clinician',
    );
    expect(ok.code).toBe(0);
    const row = await t.db.kysely
      .selectFrom('users')
      .select(['role', 'password_hash'])
      .where('email', '=', 'nurse@example.com')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('clinician');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const dup = await anagen(
      'user',
      'add',
      '--email',
      'nurse@example.com',
      '--name',
      'Again',
      '--role',
      'desk',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
  });

  it('rejects bad arguments with a clear message and a non-zero exit code', async () => {
    const role = await anagen('user', 'add', '--email', 'a@example.com', '--name', 'A', '--role', 'owner');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('must be one of');
    const email = await anagen('user', 'add', '--email', 'not-an-email', '--name', 'A', '--role', 'desk');
    expect(email.code).toBe(1);
    expect(email.stderr).toContain('not an email');
    expect((await anagen('no-such-command')).code).toBe(2);
  });

  it('exports a patient as a FHIR bundle and fails for an unknown patient', async () => {
    const ok = await anagen('export-fhir', '--patient', 'demo-patient-2');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const bundle = JSON.parse(ok.stdout);
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry[0].resource).toMatchObject({ resourceType: 'Patient', id: 'demo-patient-2' });
    expect((await anagen('export-fhir', '--patient', 'nobody')).code).toBe(1);
  });
});
