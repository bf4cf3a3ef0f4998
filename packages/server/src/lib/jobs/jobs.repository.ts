import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Database, JobTable } from '../../db/schema';
import { newId } from '../ids';

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: number;
  /** At most one job per unique key ever exists: enqueueing the same key again is a no-op. */
  uniqueKey?: string;
}

/** Adds a job; returns its id, or null when a job with the same unique key already exists. */
export async function enqueueJob(db: Kysely<Database>, job: NewJob, now: number): Promise<string | null> {
  const id = newId();
  const res = await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      payload_json: JSON.stringify(job.payload),
      run_at: job.runAt,
      status: 'queued',
      attempts: 0,
      locked_at: null,
      last_error: null,
      unique_key: job.uniqueKey ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** Cancels queued jobs whose unique key starts with `prefix` (e.g. the reminders of a cancelled visit). */
export async function cancelQueuedJobs(db: Kysely<Database>, uniqueKeyPrefix: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', last_error: 'cancelled' })
    .where('status', '=', 'queued')
    .where('unique_key', 'like', `${uniqueKeyPrefix}%`)
    .execute();
}

// A job locked longer than this is assumed to belong to a crashed worker and is taken again.
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Claims up to `limit` due jobs for this worker. PostgreSQL uses FOR UPDATE SKIP LOCKED so several
 * app servers never claim the same job; SQLite has one writer, so a transaction is enough.
 */
export async function claimDueJobs(db: Db, now: number, limit: number): Promise<JobTable[]> {
  const k = db.kysely;
  if (db.dialect === 'postgres') {
    const res = await sql<JobTable>`
      update jobs set status = 'running', locked_at = ${now}, attempts = attempts + 1
      where id in (
        select id from jobs
        where (status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_at < ${now - STALE_LOCK_MS})
        order by run_at limit ${limit} for update skip locked
      )
      returning *`.execute(k);
    return res.rows;
  }
  return k.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_at', '<', now - STALE_LOCK_MS)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit)
      .execute();
    for (const j of due) {
      await trx
        .updateTable('jobs')
        .set({ status: 'running', locked_at: now, attempts: j.attempts + 1 })
        .where('id', '=', j.id)
        .execute();
    }
    return due.map((j) => ({ ...j, status: 'running' as const, locked_at: now, attempts: j.attempts + 1 }));
  });
}

export async function finishJob(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', locked_at: null }).where('id', '=', id).execute();
}

const MAX_ATTEMPTS = 5;

/** Failed jobs retry with backoff (1, 4, 9, 16 minutes) and give up after MAX_ATTEMPTS. */
export async function failJob(
  db: Kysely<Database>,
  job: JobTable,
  error: string,
  now: number,
): Promise<void> {
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  await db
    .updateTable('jobs')
    .set({
      status: giveUp ? 'failed' : 'queued',
      locked_at: null,
      last_error: error.slice(0, 2000),
      run_at: giveUp ? job.run_at : now + job.attempts * job.attempts * 60_000,
    })
    .where('id', '=', job.id)
    .execute();
}
