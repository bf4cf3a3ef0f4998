import path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { systemClock } from './lib/clock';
import { createWorker } from './lib/jobs/worker';
import { createMailer } from './lib/mailer';
import { createLocalStorage } from './lib/storage';
import { demoLoginsText } from './modules/demo/seed-demo';
import { JOB_HANDLERS } from './modules/job-handlers';
import { prepareDatabase } from './startup';

/** `npm start` / `anagen serve`: migrate, seed on first start, listen, and stop cleanly on signals. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const clock = systemClock;
  const storage = createLocalStorage(path.join(config.dataDir, 'files'));
  const { db, seeded } = await prepareDatabase(config, clock, storage);
  const deps = {
    config,
    db,
    clock,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
    storage,
  };
  const app = await buildApp(deps);
  const address = await app.listen({ port: config.port, host: config.host });
  const where = db.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`\nAnagen is running at ${address.replace('0.0.0.0', '127.0.0.1')}  (${where})`);
  if (seeded) console.log('The demo clinic was loaded into the empty database.');
  console.log(`${demoLoginsText()}\n`);
  const worker = createWorker(deps, JOB_HANDLERS, { autoStart: true });
  const stop = async () => {
    await worker.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
