import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAttemptAndCount } from './booking.repository';

/** Guest (signed-out) bookings per client address in the window; staff and patients are not limited. */
const GUEST_BOOKING_LIMIT = 30;
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
  const n = await recordAttemptAndCount(db.kysely, { id: newId(), key, at: now, since: now - WINDOW_MS });
  if (n > GUEST_BOOKING_LIMIT) {
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      'Too many bookings from your address. Please try again later or call the clinic.',
      {
        retryAfterSeconds: WINDOW_MS / 1000,
      },
    );
  }
}
