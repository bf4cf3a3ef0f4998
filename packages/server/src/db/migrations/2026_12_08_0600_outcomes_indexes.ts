import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

/**
 * Indexes for the clinic outcomes report (modules/outcomes): the effective-measurement lookup
 * ("latest row correcting this automatic one") and the cohort of a treatment's plans and sessions.
 */
export async function up(db: MigrationDb): Promise<void> {
  // Replaces the verification migration's index on corrects_id alone: the latest correction needs
  // created_at as well.
  await db.schema.dropIndex('measurements_corrects_idx').ifExists().execute();
  await db.schema
    .createIndex('measurements_corrects_idx')
    .on('measurements')
    .columns(['corrects_id', 'created_at'])
    .execute();
  // Corrections and verifications of a patient, for the outcomes query (a few % of all rows).
  await db.schema
    .createIndex('measurements_patient_corrections_idx')
    .on('measurements')
    .column('patient_id')
    .where(sql.ref('corrects_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('treatment_plans_treatment_idx')
    .on('treatment_plans')
    .columns(['treatment_slug', 'status', 'patient_id'])
    .execute();
  await db.schema
    .createIndex('treatment_sessions_plan_idx')
    .on('treatment_sessions')
    .columns(['plan_id', 'performed_at'])
    .execute();
  await db.schema
    .createIndex('side_effect_reports_treatment_idx')
    .on('side_effect_reports')
    .columns(['treatment_slug', 'patient_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const name of [
    'side_effect_reports_treatment_idx',
    'treatment_sessions_plan_idx',
    'treatment_plans_treatment_idx',
    'measurements_patient_corrections_idx',
    'measurements_corrects_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await db.schema.createIndex('measurements_corrects_idx').on('measurements').column('corrects_id').execute();
}
