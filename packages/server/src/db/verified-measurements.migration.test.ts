import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/dialects';
import { migrations } from './migrations';

const BEFORE = '2026_12_07_0300_upload_usage';

describe.each(DIALECTS)('the verified-measurements migration on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('keeps every automatic and corrected row, their link and indexes, and accepts verified rows', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the schema before this migration, untyped on purpose
    const db = t.db.kysely as any;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    await db
      .insertInto('patients')
      .values({ id: 'p', name: 'P', email: 'p@example.com', created_at: 1 })
      .execute();
    const row = (id: string, source: string, corrects: string | null, count: number) => ({
      id,
      patient_id: 'p',
      site: 'vertex-centre',
      taken_at: 10,
      source,
      corrects_id: corrects,
      hair_count: count,
      density_per_cm2: count * 2,
      mean_diameter_um: 60,
      vellus_ratio: 0.1,
      area_cm2: 0.5,
      created_at: 20,
    });
    await db
      .insertInto('measurements')
      .values([row('a', 'auto', null, 40), row('c', 'corrected', 'a', 42)])
      .execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const kept = await db
      .selectFrom('measurements')
      .select(['id', 'source', 'corrects_id', 'hair_count'])
      .orderBy('id')
      .execute();
    expect(kept.map((r: { hair_count: unknown }) => ({ ...r, hair_count: Number(r.hair_count) }))).toEqual([
      { id: 'a', source: 'auto', corrects_id: null, hair_count: 40 },
      { id: 'c', source: 'corrected', corrects_id: 'a', hair_count: 42 },
    ]);
    await db
      .insertInto('measurements')
      .values({ ...row('v', 'verified', 'a', 39), verified_at: 30 })
      .execute();
    // Still one automatic row per photo, still only the known sources, still linked to its automatic row.
    await expect(
      db
        .insertInto('measurements')
        .values(row('x', 'guessed', null, 1))
        .execute(),
    ).rejects.toThrow(/check constraint/i);
    await expect(
      db
        .insertInto('measurements')
        .values(row('y', 'verified', 'missing', 1))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await db.deleteFrom('measurements').where('id', '=', 'a').execute();
    expect(await db.selectFrom('measurements').select('id').execute()).toEqual([]);

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
