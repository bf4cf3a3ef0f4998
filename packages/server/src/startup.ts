import type { Config } from './config';
import { type Db, openDb } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Clock } from './lib/clock';
import type { Storage } from './lib/storage';
import { seedDemo } from './modules/demo/seed-demo';

/** Opens the database, migrates it and, when it holds no clinic yet, loads the demo clinic. */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
  storage: Storage,
): Promise<{ db: Db; seeded: boolean }> {
  const db = openDb(config);
  await migrateToLatest(db.kysely);
  const anyClinic = await db.kysely.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
  let seeded = false;
  if (!anyClinic) seeded = await seedDemo({ db: db.kysely, now: clock.now(), storage });
  return { db, seeded };
}
