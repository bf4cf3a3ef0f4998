import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/dialects';
import { openPostgres } from './database';
import { migrateDownAll, migrateToLatest } from './migrate';
import { migrations } from './migrations';

async function schemaSnapshot(t: TestDatabase): Promise<string[]> {
  const tables = await t.db.kysely.introspection.getTables();
  return tables
    .filter((tb) => !tb.name.startsWith('kysely_'))
    .flatMap((tb) => tb.columns.map((c) => `${tb.name}.${c.name}:${c.isNullable ? 'null' : 'notnull'}`))
    .sort();
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('applies every migration on an empty database, in order', async () => {
    expect(await migrateToLatest(t.db.kysely)).toEqual(Object.keys(migrations));
  });

  it('runs down and up again to the same schema', async () => {
    const before = await schemaSnapshot(t);
    expect(before).toContain('users.email:notnull');
    await migrateDownAll(t.db.kysely);
    expect(await schemaSnapshot(t)).toEqual([]);
    await migrateToLatest(t.db.kysely);
    expect(await schemaSnapshot(t)).toEqual(before);
  });

  it('is a no-op when already up to date', async () => {
    expect(await migrateToLatest(t.db.kysely)).toEqual([]);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('migrations from several servers at once', () => {
  it('apply once when two connection pools start together (advisory lock)', async () => {
    const t = await createTestDatabase('postgres');
    const other = openPostgres(t.url!, 2);
    try {
      const [a, b] = await Promise.all([migrateToLatest(t.db.kysely), migrateToLatest(other.kysely)]);
      // One run applied every migration, the other waited for the lock and found nothing to do.
      expect([a.length, b.length].sort((x, y) => x - y)).toEqual([0, Object.keys(migrations).length]);
      const rows = await t.db.kysely
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute();
      expect(rows).toHaveLength(Object.keys(migrations).length);
    } finally {
      await other.destroy();
      await t.drop();
    }
  });
});
