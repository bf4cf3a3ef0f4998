import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  // A patient's request to erase their data. Nothing is erased automatically: medical records must
  // be kept for the period the law requires, so the clinic reviews each request (decision 040).
  await db.schema
    .createTable('deletion_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'resolved')`),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('clinic_notified_at', 'bigint')
    // The clinic's answer: what was deleted and what is kept, and for how long.
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema
    .createIndex('deletion_requests_created_idx')
    .on('deletion_requests')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('deletion_requests_patient_idx')
    .on('deletion_requests')
    .column('patient_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('deletion_requests').execute();
}
