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

// A job claimed by a server of the previous release (no lease columns yet) and locked longer than
// this is assumed to belong to a crashed worker and is taken again.
const STALE_LOCK_MS = 10 * 60_000;

export interface Lease {
  /** Who holds the job: `host:pid:random`, unique per worker. */
  owner: string;
  /** How long the claim holds without a renewal, in ms. */
  ms: number;
}

/**
 * Claims the next due job for `lease.owner`, or returns null. One atomic statement: a queued job
 * that is due, or a running one whose lease has expired (its server died), becomes `running` under
 * this worker's lease. PostgreSQL picks the row `FOR UPDATE SKIP LOCKED`, so servers claiming at the
 * same moment take different jobs instead of queueing on one; SQLite has a single writer.
 */
export async function claimNextJob(db: Db, now: number, lease: Lease): Promise<JobTable | null> {
  const lock = db.dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const res = await sql<JobTable>`
    update jobs
    set status = 'running', locked_at = ${now}, attempts = attempts + 1,
        lease_owner = ${lease.owner}, lease_expires_at = ${now + lease.ms}
    where id in (
      select id from jobs
      where (status = 'queued' and run_at <= ${now})
         or (status = 'running' and (lease_expires_at < ${now}
             or (lease_expires_at is null and locked_at < ${now - STALE_LOCK_MS})))
      order by run_at
      limit 1 ${lock}
    )
    returning *`.execute(db.kysely);
  const job = res.rows[0];
  return job ? { ...job, attempts: Number(job.attempts), run_at: Number(job.run_at) } : null;
}

/** Extends the lease while the handler runs; false when another worker has taken the job meanwhile. */
export async function renewLease(
  db: Kysely<Database>,
  id: string,
  lease: Lease,
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ lease_expires_at: now + lease.ms })
    .where('id', '=', id)
    .where('lease_owner', '=', lease.owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

const RELEASED = { locked_at: null, lease_owner: null, lease_expires_at: null } as const;

/** Marks the job done, if this worker still holds it (a worker that lost its lease changes nothing). */
export async function finishJob(db: Kysely<Database>, id: string, owner: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', ...RELEASED })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/**
 * Gives the job back to the queue without counting the attempt: on shutdown before it finished, or
 * when it has to wait for a shared resource (an analysis slot). Runs again at `runAt`.
 */
export async function releaseJob(
  db: Kysely<Database>,
  id: string,
  owner: string,
  runAt: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'queued', run_at: runAt, attempts: eb('attempts', '-', 1), ...RELEASED }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}

const MAX_ATTEMPTS = 5;

/** Failed jobs retry with backoff (1, 4, 9, 16 minutes) and give up after MAX_ATTEMPTS. */
export async function failJob(
  db: Kysely<Database>,
  job: JobTable,
  owner: string,
  error: string,
  now: number,
): Promise<void> {
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  await db
    .updateTable('jobs')
    .set({
      status: giveUp ? 'failed' : 'queued',
      ...RELEASED,
      last_error: error.slice(0, 2000),
      run_at: giveUp ? job.run_at : now + job.attempts * job.attempts * 60_000,
    })
    .where('id', '=', job.id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Queued jobs by kind: how many are due and how old the oldest due one is (for /metrics). */
export async function queueDepth(
  db: Kysely<Database>,
  now: number,
): Promise<{ kind: string; due: number; oldestRunAt: number | null }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('due'), eb.fn.min<number>('run_at').as('oldest')])
    .where('status', '=', 'queued')
    .where('run_at', '<=', now)
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    due: Number(r.due),
    oldestRunAt: r.oldest === null ? null : Number(r.oldest),
  }));
}
