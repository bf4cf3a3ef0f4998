import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

/**
 * Patient-reported outcome questionnaires (modules/outcomes): one row per plan and time point,
 * created when it is sent; the answers sit on the same row (answered once, never edited).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('outcome_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('treatment_plans.id').onDelete('cascade'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull().check(sql`month in (0, 3, 6, 12)`))
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('sent_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('answered_via', 'text', (c) => c.check(sql`answered_via in ('portal', 'link')`))
    .addColumn('global_change', 'integer', (c) => c.check(sql`global_change between -3 and 3`))
    .addColumn('satisfaction', 'integer', (c) => c.check(sql`satisfaction between 1 and 5`))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('outcome_questionnaires_plan_month_uq', ['plan_id', 'month'])
    .execute();
  await db.schema
    .createIndex('outcome_questionnaires_patient_idx')
    .on('outcome_questionnaires')
    .columns(['patient_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('outcome_questionnaires_treatment_idx')
    .on('outcome_questionnaires')
    .columns(['treatment_slug', 'month'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('outcome_questionnaires').ifExists().execute();
}
