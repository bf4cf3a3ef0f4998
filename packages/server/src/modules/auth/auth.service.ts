import type { Me } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { keyringFor, openSecret } from '../../lib/secret-box';
import { recordLoginFailure } from '../users/users.repository';
import { accountRetryAt } from './login-throttle';
import { checkTotp } from './totp';

/*
 * Rules every account use case shares (sign-in, registration, password change and reset): the
 * account's wait after wrong passwords, its two-step code, and how it is shown to its owner.
 */

export function toMe(u: {
  id: string;
  email: string;
  name: string;
  role: Me['role'];
  patientId: string | null;
  email_verified_at?: number | null;
}): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    ...(u.patientId ? { patientId: u.patientId } : {}),
    ...(u.email_verified_at !== undefined ? { emailVerified: u.email_verified_at !== null } : {}),
  };
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * One more wrong password or code for an account: the count goes up and, past the limit, the
 * account waits (the same growing wait for sign-in and for a reset's two-step check).
 */
export async function recordAccountFailure(
  db: Kysely<Database>,
  config: Config,
  user: { id: string; failed_logins: number },
  now: number,
): Promise<void> {
  const failures = user.failed_logins + 1;
  await recordLoginFailure(db, user.id, failures, config.rateLimits ? accountRetryAt(failures, now) : null);
}

/** Checks a code against the account's TOTP secret, which is stored sealed (lib/secret-box.ts). */
export function checkAccountTotp(
  config: Config,
  sealedSecret: string,
  code: string,
  now: number,
  lastStep: number | null,
): Promise<number | null> {
  return checkTotp(openSecret(keyringFor(config), sealedSecret), code, now, lastStep);
}

/** The answer while an account waits after repeated wrong passwords (sign-in or password change). */
export function accountWait(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    `After repeated wrong passwords this account can be tried again in ${when}.`,
    { retryAfterSeconds: seconds },
  );
}
