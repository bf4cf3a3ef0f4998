import type { AppDeps } from '../../app';
import { claimDueJobs, failJob, finishJob } from './jobs.repository';

export type JobHandler = (payload: unknown, ctx: { deps: AppDeps; jobId: string }) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface Worker {
  /** Runs every due job once; returns how many ran. Tests call this directly with a fixed clock. */
  runDueJobs(): Promise<number>;
  stop(): Promise<void>;
}

/** Polls the jobs table. Handlers must be idempotent enough to survive a retry after a crash. */
export function createWorker(
  deps: AppDeps,
  handlers: JobHandlers,
  opts: { intervalMs?: number; autoStart?: boolean } = {},
): Worker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function runDueJobs(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claimDueJobs(deps.db, deps.clock.now(), 20);
      if (!jobs.length) return total;
      for (const job of jobs) {
        const handler = handlers[job.kind];
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(JSON.parse(job.payload_json), { deps, jobId: job.id });
          await finishJob(deps.db.kysely, job.id);
        } catch (err) {
          await failJob(
            deps.db.kysely,
            job,
            err instanceof Error ? err.message : String(err),
            deps.clock.now(),
          );
        }
        total++;
      }
    }
  }

  const tick = async () => {
    if (stopped) return;
    running = runDueJobs().catch((err) => {
      console.error('[jobs] worker error', err);
      return 0;
    });
    await running;
    running = null;
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 2000);
  };
  if (opts.autoStart) timer = setTimeout(tick, 100);

  return {
    runDueJobs: () => (running ?? Promise.resolve(0)).then(runDueJobs),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
