import { AppError } from '../../errors';

// Decoding a 40 MP image holds ~120 MB and the engine peaks near 300 MB, and the engine itself is
// synchronous: running analyses one at a time keeps memory bounded and answers stay in order.
const MAX_WAITING = 8;
let active = false;
const waiting: (() => void)[] = [];

/**
 * Runs `fn` when no other analysis is running in this process. With too many requests already
 * waiting it refuses with 429 (retry in a few seconds) rather than queueing without bound.
 */
export async function withAnalysisSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active) {
    if (waiting.length >= MAX_WAITING) {
      throw new AppError('TOO_MANY_ATTEMPTS', 'Image analysis is busy; please try again in a few seconds.', {
        retryAfterSeconds: 5,
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  active = true;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active = false;
  }
}
