import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from './migrations';

// biome-ignore lint/suspicious/noExplicitAny: the migrator is schema-agnostic
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}`);
  }
}

/** Brings the schema to the latest version; returns the names of the migrations it applied. */
// biome-ignore lint/suspicious/noExplicitAny: accepts any typed Kysely
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result = await migrator(db).migrateToLatest();
  check(result);
  return (result.results ?? []).map((r) => r.migrationName);
}

// biome-ignore lint/suspicious/noExplicitAny: accepts any typed Kysely
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results?.length) return;
  }
}
