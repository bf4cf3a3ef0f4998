import type { Config } from './config';
import { type Db, openDb } from './db/database';
import { migrateToLatest, STARTUP_LOCK_KEY, withAdvisoryLock } from './db/migrate';
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
  /** The migrations this start applied (empty when another server, or an earlier start, did). */
  applied: string[];
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
  // Migrating and the first-start seeding are one step under one lock: a second server starting at
  // the same moment waits, then sees the migrated schema and the clinic the first one loaded.
  const { applied, anyClinic, seeded } = await withAdvisoryLock(
    db.kysely,
    STARTUP_LOCK_KEY,
    async () => {
      const applied = await migrateToLatest(db.kysely);
      const anyClinic = await db.kysely.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
      let seeded = false;
      if (!anyClinic && demoAllowed(config))
        seeded = await seedDemo({ db: db.kysely, now: clock.now(), storage });
      return { applied, anyClinic, seeded };
    },
    () => console.log('Another server is migrating or seeding this database; waiting for it.'),
  );
  return { db, seeded, demo: await hasDemoClinic(db.kysely), empty: !anyClinic && !seeded, applied };
}
