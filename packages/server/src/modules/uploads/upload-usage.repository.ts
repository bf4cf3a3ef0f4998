import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Uploads counted for a user since `since`: how many, their bytes, and when the oldest was. */
export async function uploadUsageSince(db: Kysely<Database>, userId: string, since: number) {
  const row = await db
    .selectFrom('upload_usage')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('bytes').as('bytes'),
      eb.fn.min<number>('at').as('oldest'),
    ])
    .where('user_id', '=', userId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return {
    uploads: Number(row.n),
    bytes: Number(row.bytes ?? 0),
    oldest: row.oldest === null ? null : Number(row.oldest),
  };
}

/** Forgets a user's uploads at or before `until` (they have left the counting window). */
export async function forgetUploadsUntil(db: Kysely<Database>, userId: string, until: number): Promise<void> {
  await db.deleteFrom('upload_usage').where('user_id', '=', userId).where('at', '<=', until).execute();
}

export async function insertUploadUsage(
  db: Kysely<Database>,
  row: { id: string; userId: string; at: number; bytes: number },
): Promise<void> {
  await db
    .insertInto('upload_usage')
    .values({ id: row.id, user_id: row.userId, at: row.at, bytes: row.bytes })
    .execute();
}

export async function deleteUploadUsage(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('upload_usage').where('id', '=', id).execute();
}
