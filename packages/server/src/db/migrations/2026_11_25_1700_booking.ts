import type { MigrationDb } from './helpers';

// Links sent by email each carry their own token (only its hash is stored), so the worker never
// needs the raw token given to the guest at booking time.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('appointment_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointment_tokens_appointment_idx')
    .on('appointment_tokens')
    .column('appointment_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('appointment_tokens').execute();
}
