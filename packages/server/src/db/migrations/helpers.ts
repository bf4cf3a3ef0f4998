import type { Kysely } from 'kysely';

// Migrations receive an untyped Kysely so that they never depend on today's schema types.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic on purpose
export type MigrationDb = Kysely<any>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}
