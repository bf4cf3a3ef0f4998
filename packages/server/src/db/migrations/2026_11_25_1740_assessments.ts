import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('input_json', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_patient_idx')
    .on('assessments')
    .columns(['patient_id', 'created_at'])
    .execute();

  // Only the clinic's own prices live here; treatments without a row use the demo defaults
  // from content/prices.json, so new content needs no data migration.
  await db.schema
    .createTable('treatment_prices')
    .addColumn('treatment_slug', 'text', (c) => c.primaryKey())
    .addColumn('induction_sessions', 'integer', (c) => c.notNull().check(sql`induction_sessions >= 0`))
    .addColumn('interval_weeks', 'real', (c) => c.notNull().check(sql`interval_weeks >= 0`))
    .addColumn('price_per_session_cents', 'integer', (c) =>
      c.notNull().check(sql`price_per_session_cents >= 0`),
    )
    .addColumn('maintenance_sessions_per_year', 'real', (c) =>
      c.notNull().check(sql`maintenance_sessions_per_year >= 0`),
    )
    .addColumn('monthly_medication_cents', 'integer', (c) =>
      c.notNull().check(sql`monthly_medication_cents >= 0`),
    )
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('treatment_prices').execute();
  await db.schema.dropTable('assessments').execute();
}
