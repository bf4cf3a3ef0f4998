import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers';

/**
 * Indexes the outcomes report reads without touching the table (issue 22: each query < 0.5 s at
 * 1,000,000 measurements). The report reads, per cohort patient, the automatic measurements in the
 * baseline and follow-up windows, and the rows correcting them. On PostgreSQL both are index-only
 * scans of covering indexes (INCLUDE): the heap is not visited, so a patient costs one or two index
 * pages instead of a page per measurement. SQLite has no INCLUDE; at its scale (100,000) the plain
 * (patient_id, taken_at) index is enough and stays small.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index measurements_outcomes_idx on measurements (patient_id, taken_at)
      include (id, site, photo_id, um_per_px, source, hair_count, density_per_cm2, mean_diameter_um,
        vellus_ratio, area_cm2, quality_json)
      where corrects_id is null`.execute(db);
    // Replaces the plain partial index of 2026_12_08_0600 with one that holds the corrected values.
    await db.schema.dropIndex('measurements_patient_corrections_idx').ifExists().execute();
    await sql`create index measurements_patient_corrections_idx on measurements (patient_id)
      include (corrects_id, created_at, id, source, hair_count, density_per_cm2, mean_diameter_um,
        vellus_ratio, area_cm2)
      where corrects_id is not null`.execute(db);
    return;
  }
  await db.schema
    .createIndex('measurements_outcomes_idx')
    .on('measurements')
    .columns(['patient_id', 'taken_at'])
    .where(sql.ref('corrects_id'), 'is', null)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('measurements_outcomes_idx').ifExists().execute();
  if (isPostgres(db)) {
    await db.schema.dropIndex('measurements_patient_corrections_idx').ifExists().execute();
    await db.schema
      .createIndex('measurements_patient_corrections_idx')
      .on('measurements')
      .column('patient_id')
      .where(sql.ref('corrects_id'), 'is not', null)
      .execute();
  }
}
