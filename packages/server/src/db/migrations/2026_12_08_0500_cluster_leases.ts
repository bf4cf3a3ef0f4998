import type { MigrationDb } from './helpers';

// Expand only (docs/deploy.md): every column is nullable, so a server of the previous release keeps
// claiming jobs by `locked_at` while a newer one already uses leases.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('lease_expires_at', 'bigint').execute();

  // One row per mail a job sends, keyed by the job's idempotency key: a retry on any server finds
  // `sent` and does not send again. No recipient or content: those stay with the feature's records.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('server_response', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();

  // The clinic-wide limit on concurrent photo analyses: a slot is held by one analysis on one server
  // until it is released or its expiry passes (the holder crashed).
  await db.schema
    .createTable('analysis_slots')
    .addColumn('slot', 'integer', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('expires_at', 'bigint')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('analysis_slots').execute();
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.alterTable('jobs').dropColumn('lease_expires_at').execute();
  await db.schema.alterTable('jobs').dropColumn('lease_owner').execute();
}
