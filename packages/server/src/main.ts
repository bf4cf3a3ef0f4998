import { buildApp } from './app';
import { loadConfig } from './config';
import { systemClock } from './lib/clock';
import { demoLoginsText } from './modules/demo/seed-demo';
import { prepareDatabase } from './startup';

/** `npm start` / `anagen serve`: migrate, seed on first start, listen, and stop cleanly on signals. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const clock = systemClock;
  const { db, seeded } = await prepareDatabase(config, clock);
  const app = await buildApp({ config, db, clock });
  const address = await app.listen({ port: config.port, host: config.host });
  const where = db.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`\nAnagen is running at ${address.replace('0.0.0.0', '127.0.0.1')}  (${where})`);
  if (seeded) console.log('The demo clinic was loaded into the empty database.');
  console.log(`${demoLoginsText()}\n`);
  const stop = async () => {
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
