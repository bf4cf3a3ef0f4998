import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from './helpers';

const COLUMNS = [
  'id',
  'patient_id',
  'photo_id',
  'site',
  'taken_at',
  'source',
  'corrects_id',
  'hair_count',
  'density_per_cm2',
  'mean_diameter_um',
  'vellus_ratio',
  'terminal_ratio',
  'hair_mass_per_cm2',
  'area_cm2',
  'um_per_px',
  'quality_json',
  'engine_version',
  'reason',
  'created_by',
  'created_at',
];

/**
 * SQLite cannot change a CHECK constraint in place: the measurements table is rebuilt under a new
 * name, filled, and renamed over the old one. The new table's self-reference names itself, so the
 * rename turns it into `measurements` again and dropping the old table cascades into nothing else.
 */
async function rebuildSqlite(db: MigrationDb, sources: string[], verifiedColumns: boolean): Promise<void> {
  let t = db.schema
    .createTable('measurements_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.references('photos.id').onDelete('cascade'))
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in (${sql.join(sources.map((s) => sql.lit(s)))})`),
    )
    .addColumn('corrects_id', 'text', (c) => c.references('measurements_new.id').onDelete('cascade'))
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
    .addColumn('created_at', 'bigint', (c) => c.notNull());
  if (verifiedColumns) {
    t = t
      .addColumn('verified_by', 'text', (c) => c.references('users.id'))
      .addColumn('verified_at', 'bigint');
  }
  await t.execute();
  const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into measurements_new (${cols}) select ${cols} from measurements where source in (${sql.join(sources.map((s) => sql.lit(s)))})`.execute(
    db,
  );
  await db.schema.dropTable('measurements').execute();
  await db.schema.alterTable('measurements_new').renameTo('measurements').execute();
  await createIndexes(db);
}

async function createIndexes(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('measurements_patient_idx')
    .on('measurements')
    .columns(['patient_id', 'site', 'taken_at'])
    .execute();
  await db.schema
    .createIndex('measurements_auto_photo_uq')
    .on('measurements')
    .column('photo_id')
    .unique()
    .where(sql.ref('source'), '=', 'auto')
    .execute();
}

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table measurements drop constraint measurements_source_check`.execute(db);
    await sql`alter table measurements add constraint measurements_source_check check (source in ('auto', 'corrected', 'verified'))`.execute(
      db,
    );
    await db.schema
      .alterTable('measurements')
      .addColumn('verified_by', 'text', (c) => c.references('users.id'))
      .addColumn('verified_at', 'bigint')
      .execute();
  } else {
    await rebuildSqlite(db, ['auto', 'corrected', 'verified'], true);
  }
  // Hair lists by emergence point: an automatic measurement's engine hairs (kept beside the row so
  // that the row itself never changes) and a verified measurement's reviewed hairs.
  await db.schema
    .createTable('measurement_hairs')
    .addColumn('measurement_id', 'text', (c) =>
      c.primaryKey().references('measurements.id').onDelete('cascade'),
    )
    .addColumn('hairs_json', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measurements_corrects_idx').on('measurements').column('corrects_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('measurements_corrects_idx').execute();
  await db.schema.dropTable('measurement_hairs').execute();
  if (isPostgres(db)) {
    await db.deleteFrom('measurements').where('source', '=', 'verified').execute();
    await sql`alter table measurements drop constraint measurements_source_check`.execute(db);
    await sql`alter table measurements add constraint measurements_source_check check (source in ('auto', 'corrected'))`.execute(
      db,
    );
    await db.schema.alterTable('measurements').dropColumn('verified_by').dropColumn('verified_at').execute();
  } else {
    await rebuildSqlite(db, ['auto', 'corrected'], false);
  }
}
