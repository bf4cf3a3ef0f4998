import type { Config } from './config';
import { type Db, openDb } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Clock } from './lib/clock';
import { ensurePrivateDir } from './lib/private-files';
import type { Storage } from './lib/storage';
import { seedDemo } from './modules/demo/seed-demo';
import { demoAllowed, hasDemoClinic } from './modules/setup/demo-guard';

export interface PreparedDatabase {
  db: Db;
  /** The demo clinic was loaded now, into an empty database. */
  seeded: boolean;
  /** The database holds the demo clinic (now or from an earlier start). */
  demo: boolean;
  /** No clinic at all: the operator still has to run `anagen init`. */
  empty: boolean;
}

/**
 * Opens and migrates the database. An empty one gets the demo clinic only where that is safe: on a
 * loopback address, outside production and unless ANAGEN_DEMO=off (demoAllowed).
 */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
  storage: Storage,
): Promise<PreparedDatabase> {
  ensurePrivateDir(config.dataDir);
  const db = openDb(config);
  await migrateToLatest(db.kysely);
  const anyClinic = await db.kysely.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
  let seeded = false;
  if (!anyClinic && demoAllowed(config))
    seeded = await seedDemo({ db: db.kysely, now: clock.now(), storage });
  return { db, seeded, demo: await hasDemoClinic(db.kysely), empty: !anyClinic && !seeded };
}
