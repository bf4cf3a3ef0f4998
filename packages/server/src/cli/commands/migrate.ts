import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';

export async function migrateCommand(config: Config): Promise<void> {
  const db = openDb(config);
  try {
    const applied = await migrateToLatest(db.kysely);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
  } finally {
    await db.destroy();
  }
}
