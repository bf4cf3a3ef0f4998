import path from 'node:path';
import { buildApp } from './app';
import { type Config, loadConfig } from './config';
import type { Db } from './db/database';
import { systemClock } from './lib/clock';
import { createWorker } from './lib/jobs/worker';
import { createMailer } from './lib/mailer';
import { observeJob } from './lib/metrics';
import {
  countTotpSecrets,
  DEV_KEY_FILE,
  type Keyring,
  keyringFor,
  resealTotpSecrets,
  SecretKeyMissingError,
} from './lib/secret-box';
import { openPhotoStore } from './lib/storage';
import { demoLoginsText } from './modules/demo/seed-demo';
import { JOB_HANDLERS } from './modules/job-handlers';
import { accountsWithDemoPassword, demoPasswordRefusal, isLoopbackHost } from './modules/setup/demo-guard';
import { prepareDatabase } from './startup';

const DEMO_BANNER = [
  '',
  '*** DEMO CLINIC: every demo account has the public password printed below. ***',
  '*** Do not enter real patient data. A real clinic starts on a fresh database with "npx anagen init". ***',
].join('\n');

const NO_CLINIC_YET = [
  '',
  'This database has no clinic yet, so nobody can sign in. Create the clinic and its first admin with:',
  '  npx anagen init --clinic-name "Your Clinic" --time-zone Area/City --admin-email you@clinic.example --admin-name "Your Name"',
  '(the password is asked for, or taken from ANAGEN_PASSWORD), using the same ANAGEN_DATA_DIR / DATABASE_URL as the server.',
  '',
].join('\n');

/**
 * Encrypts TOTP secrets left in plaintext and re-encrypts those under a previous key. Without a key
 * in production the server still starts (two-step sign-in cannot be turned on) unless secrets are
 * already stored: then nobody with two-step sign-in could sign in, so it refuses and says why.
 */
async function prepareSecrets(config: Config, db: Db): Promise<void> {
  let ring: Keyring;
  try {
    ring = keyringFor(config);
  } catch (err) {
    if (!(err instanceof SecretKeyMissingError)) throw err;
    if ((await countTotpSecrets(db.kysely)) > 0) {
      await db.destroy();
      throw err;
    }
    console.warn(`${err.message}\nStarting anyway: nobody has two-step sign-in yet.`);
    return;
  }
  if (ring.source === 'generated')
    console.warn(
      `\n*** No ANAGEN_SECRET_KEY: two-step sign-in secrets are encrypted with a key generated into ${path.join(config.dataDir, DEV_KEY_FILE)} (development only; production requires ANAGEN_SECRET_KEY). ***`,
    );
  const n = await resealTotpSecrets(db.kysely, ring);
  if (n > 0) console.log(`Encrypted ${n} two-step sign-in secret(s) under key ${ring.currentId}.`);
}

/** `npm start` / `anagen serve`: migrate, seed on first start, listen, and stop cleanly on signals. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const clock = systemClock;
  const storage = openPhotoStore(config);
  const { db, seeded, demo, empty, applied } = await prepareDatabase(config, clock, storage);
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Schema is up to date.');
  if (!isLoopbackHost(config.host)) {
    const exposed = await accountsWithDemoPassword(db.kysely);
    if (exposed.length > 0) {
      await db.destroy();
      throw new Error(demoPasswordRefusal(config.host, exposed));
    }
  }
  await prepareSecrets(config, db);
  const deps = {
    config,
    db,
    clock,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
    storage,
    lifecycle: { draining: false },
  };
  const app = await buildApp(deps);
  const address = await app.listen({ port: config.port, host: config.host });
  const where = db.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`\nAnagen is running at ${address.replace('0.0.0.0', '127.0.0.1')}  (${where})`);
  if (demo) {
    if (seeded) console.log('The demo clinic was loaded into the empty database.');
    console.warn(DEMO_BANNER);
    app.log.warn('Demo clinic: public demo passwords, do not enter real patient data');
    console.log(`${demoLoginsText()}\n`);
  }
  if (empty) console.warn(NO_CLINIC_YET);
  const worker = createWorker(deps, JOB_HANDLERS, { autoStart: true, onJob: observeJob });
  let stopping = false;
  // SIGTERM (a rolling restart): report not-ready, stop taking connections, let in-flight requests
  // and the current job finish, give back any job still running, and exit within 10 s whatever hangs.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.lifecycle.draining = true;
    const started = Date.now();
    setTimeout(() => {
      console.error(`[shutdown] still busy ${SHUTDOWN_LIMIT_MS} ms after ${signal}: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app.log.info({ signal }, 'shutting down');
    const closed = app.close();
    await worker.stop(SHUTDOWN_LIMIT_MS - 2500);
    await closed;
    await db.destroy();
    console.log(`[shutdown] stopped cleanly in ${Date.now() - started} ms after ${signal}`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const SHUTDOWN_LIMIT_MS = 9500;

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
