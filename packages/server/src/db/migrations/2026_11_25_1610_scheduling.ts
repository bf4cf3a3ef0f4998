import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointment_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duration_minutes', 'integer', (c) =>
      c.notNull().check(sql`duration_minutes between 5 and 720`),
    )
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('guest_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(90))
    .addColumn('slot_step_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0).check(sql`price_cents >= 0`))
    .addColumn('treatment_slug', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('appointment_type_providers')
    .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('appointment_type_providers_pk', ['type_id', 'provider_id'])
    .execute();

  await db.schema
    .createTable('appointment_type_resources')
    .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id').onDelete('cascade'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('appointment_type_resources_pk', ['type_id', 'resource_id'])
    .execute();

  await db.schema
    .createTable('provider_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provider_hours_provider_idx')
    .on('provider_hours')
    .column('provider_id')
    .execute();

  await db.schema
    .createTable('provider_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('off', 'extra')`))
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('provider_exceptions_idx')
    .on('provider_exceptions')
    .columns(['provider_id', 'date'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('busy_start_at', 'bigint', (c) => c.notNull())
    .addColumn('busy_end_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('booked', 'checked-in', 'completed', 'no-show', 'cancelled')`),
    )
    .addColumn('notes', 'text')
    .addColumn('manage_token_hash', 'text')
    .addColumn('ical_uid', 'text', (c) => c.notNull())
    .addColumn('ical_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('series_id', 'text')
    .addColumn('patient_confirmed_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'appointments_time_order',
      sql`start_at < end_at and busy_start_at <= start_at and end_at <= busy_end_at`,
    )
    .execute();
  await db.schema
    .createIndex('appointments_provider_time_idx')
    .on('appointments')
    .columns(['provider_id', 'busy_start_at'])
    .execute();
  await db.schema
    .createIndex('appointments_patient_idx')
    .on('appointments')
    .columns(['patient_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('appointments_time_idx')
    .on('appointments')
    .columns(['busy_start_at'])
    .execute();
  // A second, independent guarantee beside the locking transaction: one live booking per
  // provider and start instant (a partial unique index works the same on both dialects).
  await sql`create unique index appointments_live_provider_start on appointments (provider_id, start_at) where status <> 'cancelled'`.execute(
    db,
  );

  await db.schema
    .createTable('appointment_resources')
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addPrimaryKeyConstraint('appointment_resources_pk', ['appointment_id', 'resource_id'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.references('providers.id').onDelete('cascade'))
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('cascade'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blocks_time_idx').on('blocks').columns(['start_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id').onDelete('cascade'))
    .addColumn('patient_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sent', 'failed')`))
    .addColumn('server_response', 'text')
    .addColumn('job_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('deliveries_appointment_idx')
    .on('deliveries')
    .columns(['appointment_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'deliveries',
    'idempotency_keys',
    'blocks',
    'appointment_resources',
    'appointments',
    'provider_exceptions',
    'provider_hours',
    'appointment_type_resources',
    'appointment_type_providers',
    'appointment_types',
    'resources',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
