import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  // Letters, referrals and results filed in a patient's chart. The file lives in storage under
  // `file_key` (images re-encoded without metadata, PDFs as sent).
  await db.schema
    .createTable('patient_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('referral', 'lab-result', 'letter', 'imaging', 'other')`),
    )
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('patient_documents_patient_idx')
    .on('patient_documents')
    .columns(['patient_id', 'created_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('patient_documents').execute();
}
