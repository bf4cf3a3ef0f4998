import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

// The care pathway: templates (consent, preparation, post-care), diagnoses, treatment plans,
// session records with addenda, consent signatures, preparation checklists, side-effect reports,
// staff alerts and consultation overrides.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('care_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('consent', 'preparation', 'post-care')`))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('steps_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'superseded', 'withdrawn')`),
    )
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint')
    .addUniqueConstraint('care_templates_version_uq', ['kind', 'treatment_slug', 'version'])
    .execute();

  await db.schema
    .createTable('diagnoses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('loss_type', 'text', (c) => c.notNull())
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('diagnosed_at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('clinician', 'assessment')`))
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('diagnoses_patient_idx')
    .on('diagnoses')
    .columns(['patient_id', 'diagnosed_at'])
    .execute();

  await db.schema
    .createTable('treatment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('sessions_planned', 'integer', (c) =>
      c.notNull().check(sql`sessions_planned between 1 and 24`),
    )
    .addColumn('interval_weeks', 'integer', (c) => c.notNull().check(sql`interval_weeks between 1 and 52`))
    .addColumn('maintenance_interval_weeks', 'integer')
    .addColumn('maintenance_note', 'text')
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('proposed', 'active', 'completed', 'stopped')`),
    )
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('treatment_plans_patient_idx')
    .on('treatment_plans')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('treatment_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('plan_id', 'text', (c) => c.references('treatment_plans.id'))
    .addColumn('appointment_id', 'text')
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('performed_at', 'bigint', (c) => c.notNull())
    .addColumn('products_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('preparation_json', 'text')
    .addColumn('anaesthesia', 'text')
    .addColumn('injection_map_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
    .addColumn('signed_at', 'bigint')
    .addColumn('signed_by', 'text')
    .addColumn('post_care_template_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('treatment_sessions_patient_idx')
    .on('treatment_sessions')
    .columns(['patient_id', 'performed_at'])
    .execute();

  await db.schema
    .createTable('session_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('treatment_sessions.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('session_addenda_session_idx')
    .on('session_addenda')
    .column('session_id')
    .execute();

  await db.schema
    .createTable('consent_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('care_templates.id'))
    .addColumn('treatment_slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('signed_text', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('typed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('ip', 'text')
    .addUniqueConstraint('consent_signatures_once_uq', ['patient_id', 'template_id'])
    .execute();

  await db.schema
    .createTable('checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('ticked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('checklist_items_uq', ['appointment_id', 'item_key'])
    .execute();
  await db.schema
    .createIndex('checklist_items_patient_idx')
    .on('checklist_items')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('side_effect_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('session_id', 'text', (c) => c.references('treatment_sessions.id'))
    .addColumn('treatment_slug', 'text')
    .addColumn('symptoms_json', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull().check(sql`severity between 0 and 10`))
    .addColumn('onset_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('urgent', 'routine')`))
    .addColumn('reasons_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('review_due_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'reviewed')`))
    .addColumn('assessment', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'bigint')
    .addColumn('reported_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('side_effect_reports_patient_idx')
    .on('side_effect_reports')
    .columns(['patient_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('care_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('side_effect_reports.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema
    .createIndex('care_alerts_open_idx')
    .on('care_alerts')
    .columns(['acknowledged_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('consultation_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'consultation_overrides',
    'care_alerts',
    'side_effect_reports',
    'checklist_items',
    'consent_signatures',
    'session_addenda',
    'treatment_sessions',
    'treatment_plans',
    'diagnoses',
    'care_templates',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
