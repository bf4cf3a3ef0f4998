import { type ChildProcess, execFile, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import { fixedClock } from '../../lib/clock';
import { createLocalStorage } from '../../lib/storage';
import { prepareDatabase } from '../../startup';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { TEST_NOW } from '../../test/test-now';
import { hashPassword } from '../auth/password';
import { DEMO_USERS } from '../demo/demo-clinic';
import { seedDemo } from '../demo/seed-demo';
import { accountsWithDemoPassword, demoAllowed, isLoopbackHost } from './demo-guard';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const MAIN = 'packages/server/src/main.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('where the demo clinic may load', () => {
  it('knows loopback addresses from the rest', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'clinic.example.com', '10.0.0.1'])
      expect(isLoopbackHost(h)).toBe(false);
  });
  it('allows it only on loopback, outside production and unless ANAGEN_DEMO=off', () => {
    const base = { production: false, demo: 'auto' as const, host: '127.0.0.1' };
    expect(demoAllowed(base)).toBe(true);
    expect(demoAllowed({ ...base, production: true })).toBe(false);
    expect(demoAllowed({ ...base, demo: 'off' })).toBe(false);
    expect(demoAllowed({ ...base, host: '0.0.0.0' })).toBe(false);
  });
});

describe.each(DIALECTS)('first start on %s', (dialect) => {
  let t: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
    await t?.drop();
    t = undefined;
  });
  const configFor = (db: TestDatabase, env: Parameters<typeof testConfig>[0] = {}) =>
    testConfig({ dataDir: db.dataDir, databaseUrl: db.url, ...env });
  const userCount = async (db: TestDatabase) =>
    Number(
      (
        await db.db.kysely
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads the demo into an empty database on loopback in development, and nowhere else', async () => {
    for (const [env, expectDemo] of [
      [{ production: true }, false],
      [{ demo: 'off' as const }, false],
      [{ host: '0.0.0.0' }, false],
      [{}, true],
    ] as const) {
      t = await createTestDatabase(dialect);
      const config = configFor(t, env);
      const prepared = await prepareDatabase(config, fixedClock(TEST_NOW), createLocalStorage(t.dataDir));
      expect({ env, demo: prepared.demo, empty: prepared.empty }).toEqual({
        env,
        demo: expectDemo,
        empty: !expectDemo,
      });
      expect((await userCount(t)) > 0).toBe(expectDemo);
      await prepared.db.destroy();
      await t.drop();
      t = undefined;
    }
  });

  it('finds every account that still has the demo password, and none once they are changed', async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
    await seedDemo({ db: t.db.kysely, now: TEST_NOW });
    expect(await accountsWithDemoPassword(t.db.kysely)).toEqual(DEMO_USERS.map((u) => u.email).sort());
    const hash = await hashPassword('a-private-password');
    await t.db.kysely.updateTable('users').set({ password_hash: hash }).execute();
    expect(await accountsWithDemoPassword(t.db.kysely)).toEqual([]);
  });

  const envFor = (db: TestDatabase, extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_ENV;
    delete env.ANAGEN_DEMO;
    Object.assign(env, { ANAGEN_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn' }, extra);
    if (db.url) env.DATABASE_URL = db.url;
    else delete env.DATABASE_URL;
    return env;
  };

  it('refuses a non-loopback HOST while a demo password is in use, and says how to fix it', async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
    await seedDemo({ db: t.db.kysely, now: TEST_NOW });
    const run = promisify(execFile);
    // It refuses before binding, so nothing ever listens on the public address.
    const err = await run(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: envFor(t, { HOST: '0.0.0.0', PORT: String(await freePort()) }),
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('Refusing to listen on 0.0.0.0');
    expect(err?.stderr).toContain('admin@example.com');
    expect(err?.stderr).toContain('anagen init');
  });

  it('starts in production on an empty database without demo accounts and says how to create the clinic', async () => {
    t = await createTestDatabase(dialect);
    const port = await freePort();
    let out = '';
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: envFor(t, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok && out.includes('npx anagen init')) break;
      if (Date.now() > deadline) throw new Error(`server did not start in time:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out).toContain('no clinic yet');
    expect(out).not.toContain('anagen-demo');
    expect(await userCount(t)).toBe(0);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'anagen-demo' }),
    });
    expect(login.status).toBe(401);
  });
});
