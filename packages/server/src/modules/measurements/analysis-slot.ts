import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { observeAnalysis } from '../../lib/metrics';
import { ensureSlots, releaseSlot, takeSlot } from './analysis-slot.repository';

// Decoding a 40 MP image holds ~120 MB and the engine peaks near 300 MB, and the engine itself is
// synchronous: in one process analyses run one at a time, in arrival order, with a bounded queue.
const MAX_WAITING = 8;
let active = false;
const waiting: (() => void)[] = [];

// A slot whose holder died is free again after this; an analysis takes seconds, not minutes.
const SLOT_TTL_MS = 5 * 60_000;
const POLL_MS = 200;
const ensured = new WeakSet<object>();

type SlotDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/**
 * Runs `fn` holding one of the clinic's analysis slots (`ANAGEN_ANALYSIS_SLOTS`, held in the
 * database so the limit is shared by every server). Waits up to `waitMs` for a slot, then refuses
 * with 429 (retry in a few seconds); with too many requests already waiting in this process it
 * refuses at once rather than queueing without bound.
 */
export async function withAnalysisSlot<T>(
  deps: SlotDeps,
  fn: () => Promise<T>,
  opts: { waitMs?: number } = {},
): Promise<T> {
  if (active) {
    if (waiting.length >= MAX_WAITING) throw busy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  active = true;
  try {
    const slot = await acquire(deps, opts.waitMs ?? 10_000);
    const started = performance.now();
    try {
      return await fn();
    } finally {
      observeAnalysis((performance.now() - started) / 1000);
      await releaseSlot(deps.db.kysely, slot.slot, slot.holder);
    }
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active = false;
  }
}

async function acquire(deps: SlotDeps, waitMs: number): Promise<{ slot: number; holder: string }> {
  const limit = deps.config.analysisSlots;
  if (!ensured.has(deps.db)) {
    await ensureSlots(deps.db.kysely, limit);
    ensured.add(deps.db);
  }
  const holder = `${process.pid}:${randomBytes(6).toString('hex')}`;
  const deadline = performance.now() + waitMs;
  for (;;) {
    const slot = await takeSlot(deps.db, limit, holder, deps.clock.now(), SLOT_TTL_MS);
    if (slot !== null) return { slot, holder };
    if (performance.now() >= deadline) throw busy();
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function busy(): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', 'Image analysis is busy; please try again in a few seconds.', {
    retryAfterSeconds: 5,
  });
}
