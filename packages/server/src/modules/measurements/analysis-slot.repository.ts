import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

/** Makes sure slots 1…limit exist (a raised limit adds rows; a lowered one leaves the extra unused). */
export async function ensureSlots(db: Kysely<Database>, limit: number): Promise<void> {
  await db
    .insertInto('analysis_slots')
    .values(Array.from({ length: limit }, (_, i) => ({ slot: i + 1, holder: null, expires_at: null })))
    .onConflict((oc) => oc.column('slot').doNothing())
    .execute();
}

/**
 * Takes a free slot (or one whose holder's expiry passed) among 1…limit for `holder`; null when all
 * are busy. One statement, `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two servers never share a slot.
 */
export async function takeSlot(
  db: Db,
  limit: number,
  holder: string,
  now: number,
  ttlMs: number,
): Promise<number | null> {
  const lock = db.dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const res = await sql<{ slot: number }>`
    update analysis_slots set holder = ${holder}, expires_at = ${now + ttlMs}
    where slot in (
      select slot from analysis_slots
      where slot <= ${limit} and (holder is null or expires_at < ${now})
      order by slot limit 1 ${lock}
    )
    returning slot`.execute(db.kysely);
  const row = res.rows[0];
  return row ? Number(row.slot) : null;
}

export async function releaseSlot(db: Kysely<Database>, slot: number, holder: string): Promise<void> {
  await db
    .updateTable('analysis_slots')
    .set({ holder: null, expires_at: null })
    .where('slot', '=', slot)
    .where('holder', '=', holder)
    .execute();
}

/** Analyses running now across the clinic, and trichoscopy photos still waiting for theirs. */
export async function analysisQueue(
  db: Kysely<Database>,
  limit: number,
  now: number,
): Promise<{ running: number; waiting: number }> {
  const running = await db
    .selectFrom('analysis_slots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('slot', '<=', limit)
    .where('holder', 'is not', null)
    .where('expires_at', '>=', now)
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom('photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('analysis_status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { running: Number(running.n), waiting: Number(waiting.n) };
}
