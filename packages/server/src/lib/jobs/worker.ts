import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppDeps } from '../../deps';
import { claimNextJob, failJob, finishJob, type Lease, releaseJob, renewLease } from './jobs.repository';

export type JobHandler = (payload: unknown, ctx: { deps: AppDeps; jobId: string }) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/**
 * Thrown by a handler that cannot run yet for a reason that is not a failure (a clinic-wide resource
 * is busy): the job goes back to the queue for `delayMs` without counting an attempt.
 */
export class DeferJob extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface JobOutcome {
  kind: string;
  outcome: 'done' | 'failed' | 'deferred';
  durationMs: number;
}

export interface Worker {
  /** Runs every due job once; returns how many ran. Tests call this directly with a fixed clock. */
  runDueJobs(): Promise<number>;
  /**
   * Stops polling and waits for the current job up to `graceMs`; a job still running then is given
   * back to the queue (its lease released) so another server takes it at once.
   */
  stop(graceMs?: number): Promise<void>;
  /** This worker's lease owner id (`host:pid:random`). */
  readonly owner: string;
}

/** Polls the jobs table. Handlers must be idempotent enough to survive a retry after a crash. */
export function createWorker(
  deps: AppDeps,
  handlers: JobHandlers,
  opts: {
    intervalMs?: number;
    leaseMs?: number;
    autoStart?: boolean;
    onJob?: (o: JobOutcome) => void;
  } = {},
): Worker {
  const lease: Lease = {
    owner: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    ms: opts.leaseMs ?? deps.config.jobLeaseMs,
  };
  const intervalMs = opts.intervalMs ?? deps.config.jobPollMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let current: { id: string; done: Promise<void> } | null = null;
  let stopped = false;

  async function runOne(): Promise<boolean> {
    const job = await claimNextJob(deps.db, deps.clock.now(), lease);
    if (!job) return false;
    const started = performance.now();
    const handler = handlers[job.kind];
    // Renew well before expiry, so a slow job on a live server is never taken by another one.
    const heartbeat = setInterval(
      () => {
        renewLease(deps.db.kysely, job.id, lease, deps.clock.now()).catch(() => {});
      },
      Math.max(50, Math.floor(lease.ms / 3)),
    );
    const run = (async () => {
      let outcome: JobOutcome['outcome'] = 'done';
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(JSON.parse(job.payload_json), { deps, jobId: job.id });
        await finishJob(deps.db.kysely, job.id, lease.owner);
      } catch (err) {
        if (err instanceof DeferJob) {
          outcome = 'deferred';
          await releaseJob(deps.db.kysely, job.id, lease.owner, deps.clock.now() + err.delayMs);
        } else {
          outcome = 'failed';
          const message = err instanceof Error ? err.message : String(err);
          await failJob(deps.db.kysely, job, lease.owner, message, deps.clock.now());
        }
      } finally {
        clearInterval(heartbeat);
        opts.onJob?.({ kind: job.kind, outcome, durationMs: performance.now() - started });
      }
    })();
    current = { id: job.id, done: run };
    try {
      await run;
    } finally {
      current = null;
    }
    return true;
  }

  async function runDueJobs(): Promise<number> {
    let total = 0;
    while (!stopped && (await runOne())) total++;
    return total;
  }

  const tick = async () => {
    if (stopped) return;
    running = runDueJobs().catch((err) => {
      console.error('[jobs] worker error', err instanceof Error ? err.message : err);
      return 0;
    });
    await running;
    running = null;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  if (opts.autoStart) timer = setTimeout(tick, 100);

  return {
    owner: lease.owner,
    runDueJobs: () => (running ?? Promise.resolve(0)).then(runDueJobs),
    stop: async (graceMs = 8000) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const job = current;
      if (!job) {
        if (running) await running;
        return;
      }
      let timeout: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        job.done.then(() => true),
        new Promise<boolean>((r) => {
          timeout = setTimeout(() => r(false), graceMs);
        }),
      ]);
      clearTimeout(timeout);
      if (!finished) await releaseJob(deps.db.kysely, job.id, lease.owner, deps.clock.now());
    },
  };
}
