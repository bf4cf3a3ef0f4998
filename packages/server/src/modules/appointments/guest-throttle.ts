import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../app';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';

/** Guest (signed-out) bookings per client address in the window; staff and patients are not limited. */
export const GUEST_BOOKING_LIMIT = 30;
const WINDOW_MS = 15 * 60_000;

/**
 * A public endpoint that creates patient records needs a brake against scripted abuse. Counted in
 * the shared attempts table (so it holds across app servers); off with ANAGEN_RATE_LIMITS=off.
 */
export async function throttleGuestBooking(
  deps: Pick<AppDeps, 'config' | 'db' | 'clock'>,
  actor: Actor | null,
  input: { ip: string },
): Promise<void> {
  const { config, db, clock } = deps;
  if (!config.rateLimits || actor) return;
  const now = clock.now();
  const key = `guest-booking:${input.ip}`;
  const k = db.kysely;
  // Record first, then count (own attempt included): concurrent requests cannot all slip under the limit.
  await k.insertInto('login_attempts').values({ id: newId(), key, at: now }).execute();
  const row = await k
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', now - WINDOW_MS)
    .executeTakeFirstOrThrow();
  if (Number(row.n) > GUEST_BOOKING_LIMIT) {
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      'Too many bookings from your address. Please try again later or call the clinic.',
      {
        retryAfterSeconds: WINDOW_MS / 1000,
      },
    );
  }
}
