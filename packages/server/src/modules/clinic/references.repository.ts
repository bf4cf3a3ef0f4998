import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export type RefTable = 'locations' | 'appointment_types' | 'providers' | 'resources' | 'users';

/** Which of `ids` exist in `table`. */
export async function findExistingIds(
  db: Kysely<Database>,
  table: RefTable,
  ids: string[],
): Promise<Set<string>> {
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(found.map((f) => f.id));
}
