import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  // The storage key of a clinician's portrait (square JPEG, metadata stripped); null when none.
  // A new upload gets a new key, so the public URL can be cached for good.
  await db.schema.alterTable('providers').addColumn('photo_key', 'text').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('providers').dropColumn('photo_key').execute();
}
