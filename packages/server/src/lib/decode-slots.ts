import type { AppDeps } from '../deps';
import { AppError } from '../errors';

/**
 * A counting semaphore for image decoding (sharp): a 40 MP photo holds ~120 MB while it is decoded
 * and keeps a core busy, so a burst of uploads must not decode all at once. Requests over the limit
 * wait in a short queue (4 per slot); past that they are refused at once with 503 and Retry-After,
 * rather than piling up memory and time-outs.
 */
export interface DecodeSlots {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

const RETRY_AFTER_SECONDS = 5;

export function createDecodeSlots(max: number, maxWaiting = max * 4): DecodeSlots {
  let active = 0;
  const queue: (() => void)[] = [];
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run(fn) {
      if (active >= max) {
        if (queue.length >= maxWaiting) {
          throw new AppError(
            'SERVER_BUSY',
            'Many photos are being processed right now; please try again in a few seconds.',
            {
              retryAfterSeconds: RETRY_AFTER_SECONDS,
            },
          );
        }
        // The slot is handed over by the finishing run, so `active` already counts this one.
        await new Promise<void>((resolve) => queue.push(resolve));
      } else {
        active++;
      }
      try {
        return await fn();
      } finally {
        const next = queue.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

// Keyed on the app's deps object: every plugin (an encapsulated child instance) shares it.
const perApp = new WeakMap<AppDeps, DecodeSlots>();

/** The app's decode slots (ANAGEN_MAX_DECODES of them), made on first use. */
export function decodeSlots(deps: AppDeps): DecodeSlots {
  let slots = perApp.get(deps);
  if (!slots) {
    slots = createDecodeSlots(deps.config.maxDecodes);
    perApp.set(deps, slots);
  }
  return slots;
}
