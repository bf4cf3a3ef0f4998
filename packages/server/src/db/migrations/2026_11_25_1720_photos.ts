import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

const VIEWS = sql`view in ('vertex', 'frontal', 'midline', 'left-temple', 'right-temple', 'occipital', 'trichoscopy')`;

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('view', 'text', (c) => c.notNull().check(VIEWS))
    .addColumn('site', 'text')
    .addColumn('um_per_px', 'double precision', (c) => c.check(sql`um_per_px is null or um_per_px > 0`))
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    // Random storage keys: the served (sanitised) image, its thumbnail and the untouched original.
    .addColumn('image_key', 'text', (c) => c.notNull().unique())
    .addColumn('thumb_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_mime', 'text', (c) => c.notNull())
    .addColumn('original_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('analysis_status', 'text', (c) =>
      c.notNull().check(sql`analysis_status in ('none', 'queued', 'done', 'failed')`),
    )
    .addColumn('analysis_error', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('photos_patient_idx')
    .on('photos')
    .columns(['patient_id', 'view', 'taken_at'])
    .execute();

  await db.schema
    .createTable('measurements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.references('photos.id').onDelete('cascade'))
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('auto', 'corrected')`))
    // A correction points at the automatic row it sits beside; the automatic row is never changed.
    .addColumn('corrects_id', 'text', (c) => c.references('measurements.id').onDelete('cascade'))
    .addColumn('hair_count', 'integer', (c) => c.notNull().check(sql`hair_count >= 0`))
    .addColumn('density_per_cm2', 'double precision', (c) => c.notNull())
    .addColumn('mean_diameter_um', 'double precision', (c) => c.notNull())
    .addColumn('vellus_ratio', 'double precision', (c) => c.notNull())
    .addColumn('terminal_ratio', 'double precision')
    .addColumn('hair_mass_per_cm2', 'double precision')
    .addColumn('area_cm2', 'double precision', (c) => c.notNull())
    .addColumn('um_per_px', 'double precision')
    .addColumn('quality_json', 'text')
    .addColumn('engine_version', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('measurements_patient_idx')
    .on('measurements')
    .columns(['patient_id', 'site', 'taken_at'])
    .execute();
  // One automatic measurement per photo, so a retried analysis job cannot add a duplicate.
  await db.schema
    .createIndex('measurements_auto_photo_uq')
    .on('measurements')
    .column('photo_id')
    .unique()
    .where(sql.ref('source'), '=', 'auto')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('measurements').ifExists().execute();
  await db.schema.dropTable('photos').ifExists().execute();
}
