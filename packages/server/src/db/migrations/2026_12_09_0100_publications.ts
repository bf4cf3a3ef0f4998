import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

/**
 * Before-and-after publications (modules/publications, decision 230): one row per proposed photo
 * pair. The published files' keys and hashes are filled in when the patient consents and cleared
 * again on withdrawal, when the files are deleted.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('before_photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('after_photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('crop_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('measured_change_json', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting-consent', 'published', 'withdrawn')`),
    )
    .addColumn('show_face', 'integer')
    .addColumn('before_key', 'text')
    .addColumn('after_key', 'text')
    .addColumn('before_sha256', 'text')
    .addColumn('after_sha256', 'text')
    .addColumn('verification_json', 'text')
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_at', 'bigint', (c) => c.notNull())
    .addColumn('consented_at', 'bigint')
    .addColumn('withdrawn_at', 'bigint')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema.createIndex('publications_patient_idx').on('publications').column('patient_id').execute();
  await db.schema
    .createIndex('publications_public_idx')
    .on('publications')
    .columns(['status', 'treatment_slug'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('publications').ifExists().execute();
}
