import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import { openPhotoStore } from '../lib/storage';
import { seedDemo } from '../modules/demo/seed-demo';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/dialects';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/anagen.js');
const run = promisify(execFile);

describe.each(DIALECTS)('anagen CLI on %s', (dialect) => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const envFor = (db: TestDatabase): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      ANAGEN_DATA_DIR: db.dataDir,
      ANAGEN_PASSWORD: 'a-long-staff-password',
    };
    if (db.url) e.DATABASE_URL = db.url;
    else delete e.DATABASE_URL;
    return e;
  };
  // The demo clinic is loaded here, in process, so each test below stands on its own (the first test
  // runs migrate and seed-demo through the CLI on a database of its own).
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
    await seedDemo({ db: t.db.kysely, now: Date.now() });
    env = envFor(t);
  });
  afterAll(() => t.drop());

  const anagen = async (...args: string[]) => anagenWith(env, ...args);
  const anagenWith = async (withEnv: NodeJS.ProcessEnv, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: withEnv,
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('migrates, then seeds the demo clinic twice without changing anything the second time', async () => {
    const fresh = await createTestDatabase(dialect);
    try {
      const freshEnv = envFor(fresh);
      expect((await anagenWith(freshEnv, 'migrate')).code).toBe(0);
      const first = await anagenWith(freshEnv, 'seed-demo');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('admin@example.com');
      const count = async () =>
        Number(
          (
            await fresh.db.kysely
              .selectFrom('users')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      expect(before).toBe(5);
      expect((await anagenWith(freshEnv, 'seed-demo')).code).toBe(0);
      expect(await count()).toBe(before);
    } finally {
      await fresh.drop();
    }
  }, 240_000);

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

  it('lists published files no pair names, and deletes them only with --apply', async () => {
    const storage = openPhotoStore({ dataDir: t.dataDir, photoStore: undefined });
    const orphan = 'published/00000000000000000000000000000000.jpg';
    await storage.put(orphan, Buffer.from('left over'));
    const dry = await anagen('prune-published');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(orphan);
    expect(dry.stdout).toContain('--apply');
    expect(await storage.get(orphan)).not.toBeNull();
    const applied = await anagen('prune-published', '--apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Deleted 1 published file');
    expect(await storage.get(orphan)).toBeNull();
  });
});

describe('anagen analyze', () => {
  it('prints the DESIGN analysis JSON for an image and fails clearly on bad input', async () => {
    const { generateTrichoscopyImage } = await import('@anagen/core/hair-analysis/synthetic');
    const sharp = (await import('sharp')).default;
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-cli-analyze-'));
    const img = generateTrichoscopyImage({ seed: 777, width: 640, height: 480, umPerPx: 10 });
    const file = path.join(dir, 'close-up.png');
    await sharp(Buffer.from(img.pixels), {
      raw: { width: img.width, height: img.height, channels: img.channels },
    })
      .png()
      .toFile(file);
    const exec = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [BIN, 'analyze', ...args], {
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const ok = await exec(file, '--um-per-px', '10', '--json');
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout);
    for (const key of [
      'width',
      'height',
      'umPerPx',
      'areaCm2',
      'hairCount',
      'densityPerCm2',
      'meanDiameterUm',
      'vellusRatio',
      'terminalRatio',
      'hairs',
      'durationMs',
    ]) {
      expect(result).toHaveProperty(key);
    }
    expect(result.width).toBe(640);
    expect(result.hairCount).toBeGreaterThan(img.truth.hairCount * 0.5);
    expect(result.hairCount).toBeLessThan(img.truth.hairCount * 1.5);
    const two = await exec(file, file, '--um-per-px', '10', '--json');
    expect(JSON.parse(two.stdout)).toHaveLength(2);
    const zero = await exec(file, '--um-per-px', '0');
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toContain('um-per-px');
    const notImage = await exec(BIN, '--um-per-px', '8');
    expect(notImage.code).not.toBe(0);
    expect(notImage.stderr).toContain('not a supported image');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(DIALECTS)('anagen init on %s', (dialect) => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    env = { ...process.env, ANAGEN_DATA_DIR: t.dataDir, ANAGEN_PASSWORD: 'the-first-admin-password' };
    if (t.url) env.DATABASE_URL = t.url;
    else delete env.DATABASE_URL;
  });
  afterAll(() => t.drop());
  const init = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, 'init', ...args], {
        env,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const args = (zone: string) => [
    '--clinic-name',
    'Hair Clinic Berlin',
    '--time-zone',
    zone,
    '--admin-email',
    'Owner@Clinic.example',
    '--admin-name',
    'Olga Owner',
  ];

  it('creates the clinic, its zone and the first admin once, and refuses a second time', async () => {
    const badZone = await init(...args('Berlin'));
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toContain('--time-zone: Choose an IANA time zone');
    const ok = await init(...args('Europe/Berlin'));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Created clinic "Hair Clinic Berlin"');
    const count = await t.db.kysely
      .selectFrom('clinics')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const clinic = await t.db.kysely.selectFrom('clinics').select(['id', 'name']).executeTakeFirstOrThrow();
    expect(clinic.name).toBe('Hair Clinic Berlin');
    const loc = await t.db.kysely.selectFrom('locations').select('time_zone').executeTakeFirstOrThrow();
    expect(loc.time_zone).toBe('Europe/Berlin');
    const admin = await t.db.kysely
      .selectFrom('users')
      .select(['role', 'password_hash', 'name'])
      .where('email', '=', 'owner@clinic.example')
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ role: 'admin', name: 'Olga Owner' });
    const { verifyPassword } = await import('../modules/auth/password');
    expect(await verifyPassword(admin.password_hash!, 'the-first-admin-password')).toBe(true);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('action', '=', 'clinic.init')
      .executeTakeFirstOrThrow();
    expect(audit.resource_id).toBe(clinic.id);

    const again = await init(...args('Europe/Berlin'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a clinic');
    const users = await t.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe(1);
  });

  it('refuses the public demo password for the first admin', async () => {
    const saved = env.ANAGEN_PASSWORD;
    env.ANAGEN_PASSWORD = 'anagen-demo';
    try {
      const res = await init(...args('Europe/Berlin'));
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('public demo password');
    } finally {
      env.ANAGEN_PASSWORD = saved;
    }
  });
});
