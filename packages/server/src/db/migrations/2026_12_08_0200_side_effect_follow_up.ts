import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

/**
 * A side-effect report reviewed as "monitoring" stays open until its follow-up date; each review is
 * kept. The report's status column keeps its two stored values: a report under monitoring is still
 * `open` there (so everything that counts open reports keeps counting it) and the API names it
 * `monitoring` from its latest outcome (docs/decisions/251-side-effect-monitoring.md).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('side_effect_reports').addColumn('follow_up_at', 'bigint').execute();
  await db.schema
    .createTable('side_effect_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('side_effect_reports.id'))
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('follow_up_at', 'bigint')
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('side_effect_reviews_report_idx')
    .on('side_effect_reviews')
    .columns(['report_id', 'reviewed_at'])
    .execute();
  // Reviews recorded before this migration become the first entry of their history.
  await sql`
    insert into side_effect_reviews (id, report_id, assessment, outcome, follow_up_at, reviewed_by, reviewed_at)
    select id || '-r1', id, assessment, outcome, null, reviewed_by, reviewed_at
    from side_effect_reports
    where reviewed_at is not null and assessment is not null and outcome is not null and reviewed_by is not null
  `.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('side_effect_reviews').execute();
  await db.schema.alterTable('side_effect_reports').dropColumn('follow_up_at').execute();
}
