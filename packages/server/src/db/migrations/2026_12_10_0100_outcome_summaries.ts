import { sql } from 'kysely';
import { refreshOutcomeSummaries } from '../../modules/outcomes/outcome-summaries.service';
import { isPostgres, type MigrationDb } from './helpers';

/**
 * Outcome summaries (decision 223): each cohort patient's baseline, follow-ups and changes per
 * treatment, stored so that the outcomes page reads one row per patient instead of every windowed
 * measurement (issue 22: < 0.5 s at 1,000,000 measurements).
 *
 * Kept correct by the database itself: every insert, update or delete of a measurement, plan or
 * session marks its patient (`patients.outcomes_stale = 1`) in the writing transaction, whichever
 * code wrote it; the outcomes page rebuilds the marked patients' rows before it reads. A patient
 * flag rather than a queue table: a restore inserts rows with the triggers on, and a queue with a
 * key would collide with the rows the triggers had already queued.
 *
 * On SQLite a migration that rebuilds one of the three tables (create new, copy, drop, rename) drops
 * its triggers and must create them again (`createStaleTriggers` below); outcome-summaries.routes.test.ts
 * fails when a write no longer marks its patient.
 *
 * Backfill: every patient with a plan is marked and rebuilt here, with today's summary code (the
 * rows are derived data; a later change of the calculation marks every patient again).
 */
const WATCHED = ['measurements', 'treatment_plans', 'treatment_sessions'] as const;

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('outcome_summaries')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    // '' for all scalp sites (each patient's baseline site), else the one site of a site filter.
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('provider_id', 'text')
    .addColumn('last_contact_at', 'bigint')
    .addColumn('last_measurement_at', 'bigint')
    .addColumn('treatment_sessions', 'integer', (c) => c.notNull())
    .addColumn('outcome_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_summaries_pk', ['patient_id', 'treatment_slug', 'site'])
    .execute();
  await db.schema
    .createIndex('outcome_summaries_treatment_idx')
    .on('outcome_summaries')
    .columns(['treatment_slug', 'site'])
    .execute();
  await db.schema
    .alterTable('patients')
    .addColumn('outcomes_stale', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('patients_outcomes_stale_idx')
    .on('patients')
    .column('id')
    .where(sql.ref('outcomes_stale'), '=', 1)
    .execute();
  await createStaleTriggers(db);
  // The windowed measurements were read through this index (decision 222); the page no longer
  // reads them, and it cost about as much disk as the table and one entry per measurement written.
  await db.schema.dropIndex('measurements_outcomes_idx').ifExists().execute();
  await sql`update patients set outcomes_stale = 1
    where id in (select patient_id from treatment_plans)`.execute(db);
  await refreshOutcomeSummaries(db);
}

/**
 * The triggers that mark a patient whose measurements, plans or sessions change. They set the mark
 * even when it is already set: on PostgreSQL a rebuild clears it under a row lock, and only an
 * update of the row waits for that lock — a trigger that skipped "already marked" rows would see
 * the mark the rebuild is about to clear, skip, and leave its write out of the summary. They lock
 * the patient rows in id order first, as the rebuild's claim does, so a write touching two patients
 * (a merge) and a rebuild cannot wait for each other.
 */
async function createStaleTriggers(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    // Statement-level with transition tables: a bulk insert marks each patient once.
    for (const [name, rows] of [
      ['outcomes_mark_new', 'new_rows'],
      ['outcomes_mark_old', 'old_rows'],
    ] as const) {
      await sql
        .raw(`create or replace function ${name}() returns trigger language plpgsql as $$
        begin
          perform 1 from patients where id in (select patient_id from ${rows}) order by id for update;
          update patients set outcomes_stale = 1 where id in (select patient_id from ${rows});
          return null;
        end $$`)
        .execute(db);
    }
    await sql
      .raw(`create or replace function outcomes_mark_both() returns trigger language plpgsql as $$
      begin
        perform 1 from patients
        where id in (select patient_id from new_rows union select patient_id from old_rows)
        order by id for update;
        update patients set outcomes_stale = 1
        where id in (select patient_id from new_rows union select patient_id from old_rows);
        return null;
      end $$`)
      .execute(db);
    for (const table of WATCHED) {
      await sql
        .raw(`create trigger ${table}_outcomes_ins after insert on ${table}
          referencing new table as new_rows for each statement execute function outcomes_mark_new()`)
        .execute(db);
      await sql
        .raw(`create trigger ${table}_outcomes_upd after update on ${table}
          referencing new table as new_rows old table as old_rows
          for each statement execute function outcomes_mark_both()`)
        .execute(db);
      await sql
        .raw(`create trigger ${table}_outcomes_del after delete on ${table}
          referencing old table as old_rows for each statement execute function outcomes_mark_old()`)
        .execute(db);
    }
    return;
  }
  for (const table of WATCHED) {
    await sql
      .raw(`create trigger ${table}_outcomes_ins after insert on ${table} begin
        update patients set outcomes_stale = 1 where id = new.patient_id; end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_outcomes_upd after update on ${table} begin
        update patients set outcomes_stale = 1 where id in (old.patient_id, new.patient_id); end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_outcomes_del after delete on ${table} begin
        update patients set outcomes_stale = 1 where id = old.patient_id; end`)
      .execute(db);
  }
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of WATCHED)
    for (const op of ['ins', 'upd', 'del'])
      await sql
        .raw(`drop trigger if exists ${table}_outcomes_${op}${isPostgres(db) ? ` on ${table}` : ''}`)
        .execute(db);
  if (isPostgres(db))
    for (const f of ['outcomes_mark_new', 'outcomes_mark_old', 'outcomes_mark_both'])
      await sql.raw(`drop function if exists ${f}()`).execute(db);
  await db.schema.dropIndex('patients_outcomes_stale_idx').ifExists().execute();
  await db.schema.alterTable('patients').dropColumn('outcomes_stale').execute();
  await db.schema.dropTable('outcome_summaries').ifExists().execute();
  if (isPostgres(db)) {
    await sql`create index measurements_outcomes_idx on measurements (patient_id, taken_at)
      include (id, site, photo_id, um_per_px, source, hair_count, density_per_cm2, mean_diameter_um,
        vellus_ratio, area_cm2, quality_json)
      where corrects_id is null`.execute(db);
  } else {
    await db.schema
      .createIndex('measurements_outcomes_idx')
      .on('measurements')
      .columns(['patient_id', 'taken_at'])
      .where(sql.ref('corrects_id'), 'is', null)
      .execute();
  }
}
