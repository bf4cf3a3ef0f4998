import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../app';
import { type Config, testConfig } from '../config';
import type { DialectName } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { AppDeps } from '../deps';
import { fixedClock } from '../lib/clock';
import { createWorker, type Worker } from '../lib/jobs/worker';
import { createMailer, type Mailer } from '../lib/mailer';
import { createLocalStorage } from '../lib/storage';
import { DEMO_PASSWORD } from '../modules/demo/demo-clinic';
import { seedDemo } from '../modules/demo/seed-demo';
import { JOB_HANDLERS } from '../modules/job-handlers';
import { createTestDatabase, type TestDatabase } from './dialects';
import { TEST_NOW } from './test-now';

export { TEST_NOW };

export interface TestApp {
  app: FastifyInstance;
  testDb: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  deps: AppDeps;
  /** The jobs worker, not polling: call `worker.runDueJobs()` after moving the clock. */
  worker: Worker;
  close(): Promise<void>;
}

/** The real app on a fresh database of `dialect`, migrated and loaded with the demo clinic. */
export async function createTestApp(
  dialect: DialectName,
  opts: { config?: Partial<Config>; seed?: boolean; mailer?: Mailer } = {},
): Promise<TestApp> {
  const template = opts.seed === false ? undefined : seededTemplate(dialect);
  const testDb = await createTestDatabase(dialect, template);
  const clock = fixedClock(TEST_NOW);
  await migrateToLatest(testDb.db.kysely);
  const storage = createLocalStorage(path.join(testDb.dataDir, 'files'));
  if (opts.seed !== false && !template) await seedDemo({ db: testDb.db.kysely, now: clock.now(), storage });
  const config = testConfig({ dataDir: testDb.dataDir, ...opts.config });
  const deps: AppDeps = {
    config,
    db: testDb.db,
    clock,
    mailer: opts.mailer ?? createMailer({ from: config.mailFrom, dataDir: testDb.dataDir }),
    storage,
  };
  const app = await buildApp(deps);
  const worker = createWorker(deps, JOB_HANDLERS);
  await app.ready();
  return {
    app,
    testDb,
    clock,
    config,
    deps,
    worker,
    close: async () => {
      await worker.stop();
      await app.close();
      await testDb.drop();
    },
  };
}

/** The seeded template from global-setup.ts, or undefined to seed from scratch (e.g. outside Vitest's setup). */
function seededTemplate(dialect: DialectName) {
  if (dialect === 'sqlite') {
    const dir = inject('sqliteTemplateDir');
    return dir ? { sqliteDir: dir, filesDir: path.join(dir, 'files') } : undefined;
  }
  const pgTemplate = inject('pgTemplate');
  return pgTemplate ? { pgDatabase: pgTemplate.database, filesDir: pgTemplate.filesDir } : undefined;
}

/** Signs in through the real route and returns the Cookie header to send. */
export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'anagen_session');
  if (!cookie) throw new Error('no session cookie');
  return `anagen_session=${cookie.value}`;
}

/** The demo accounts that route tests act as (each signs in as `<who>@example.com`). */
const DEMO_PEOPLE = ['patient', 'patient2', 'desk', 'clinician', 'admin'] as const;

/** Signs in every demo account; returns each one's Cookie header by name. */
export async function signInDemoPeople(app: FastifyInstance): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const who of DEMO_PEOPLE) cookies[who] = await signIn(app, `${who}@example.com`);
  return cookies;
}

export interface DemoTestApp extends TestApp {
  /** Each demo account's Cookie header by name (`patient`, `patient2`, `desk`, `clinician`, `admin`). */
  cookies: Record<string, string>;
}

/**
 * The usual set-up of a describe block: registers a `beforeAll` that builds the test app and signs
 * in every demo account, and an `afterAll` that closes it. Its fields may be read inside hooks and
 * tests (not at collection time, before the app exists).
 */
export function useDemoTestApp(
  dialect: DialectName,
  opts: Parameters<typeof createTestApp>[1] = {},
): DemoTestApp {
  let current: TestApp | undefined;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    current = await createTestApp(dialect, opts);
    Object.assign(cookies, await signInDemoPeople(current.app));
  });
  afterAll(() => current?.close());
  const made = (): TestApp => {
    if (!current) throw new Error('the test app is built in beforeAll; read it inside a hook or test');
    return current;
  };
  return {
    cookies,
    get app() {
      return made().app;
    },
    get testDb() {
      return made().testDb;
    },
    get clock() {
      return made().clock;
    },
    get config() {
      return made().config;
    },
    get deps() {
      return made().deps;
    },
    get worker() {
      return made().worker;
    },
    close: () => made().close(),
  };
}
