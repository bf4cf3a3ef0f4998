import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  // One row per accepted upload, for the per-account daily quotas; rows older than a day are
  // removed as the account uploads again.
  await db.schema
    .createTable('upload_usage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('upload_usage_user_at_idx')
    .on('upload_usage')
    .columns(['user_id', 'at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('upload_usage').execute();
}
