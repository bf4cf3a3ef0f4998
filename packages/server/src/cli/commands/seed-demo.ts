import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { openPhotoStore } from '../../lib/storage';
import { demoLoginsText, seedDemo } from '../../modules/demo/seed-demo';

export async function seedDemoCommand(config: Config, clock: Clock): Promise<void> {
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const fresh = await seedDemo({
      db: db.kysely,
      now: clock.now(),
      storage: openPhotoStore(config),
    });
    console.log(fresh ? 'Demo clinic loaded.' : 'Demo clinic was already there; missing pieces were added.');
    console.log(demoLoginsText());
  } finally {
    await db.destroy();
  }
}
