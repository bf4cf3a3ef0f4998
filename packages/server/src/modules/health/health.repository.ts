import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema';

/** True when the database answers and holds `migration` (this server's newest) as applied. */
export async function hasMigration(db: Kysely<Database>, migration: string): Promise<boolean> {
  const res = await sql<{
    name: string;
  }>`select name from kysely_migration where name = ${migration}`.execute(db);
  return res.rows.length > 0;
}
