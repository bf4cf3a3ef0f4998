import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { countRecentAttempts, insertAttempts } from './login-attempts.repository';

export const WINDOW_MS = 15 * 60_000;
/** Registrations per client address in the window before registration answers 429. */
const ADDRESS_LIMIT = 20;
/**
 * Failed sign-ins from one client address, whatever the accounts, before that address gets 429:
 * a brake on trying one password against many accounts. High enough that a clinic whose staff all
 * share one address (a proxy without ANAGEN_TRUST_PROXY, a practice's NAT) is not shut out by a
 * few forgotten passwords.
 */
export const ADDRESS_FAILURE_LIMIT = 100;
/** Failed sign-ins for one email from one address in the window before that pair gets 429. */
export const PAIR_FAILURE_LIMIT = 10;
/** Consecutive wrong passwords (from anywhere) before each further try of an account must wait. */
const ACCOUNT_FAILURE_LIMIT = 5;
/** The first wait; it doubles with each further failure up to {@link MAX_DELAY_MS}. */
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * When an account with `failures` consecutive wrong passwords may be tried again, or null when it
 * need not wait. A growing delay instead of a fixed lock: whoever knows the password gets in once
 * the (capped) wait is over, while a guesser gets one try per wait.
 */
export function accountRetryAt(failures: number, now: number): number | null {
  if (failures < ACCOUNT_FAILURE_LIMIT) return null;
  const doublings = Math.min(failures - ACCOUNT_FAILURE_LIMIT, 20);
  return now + Math.min(BASE_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

export const addressKey = (ip: string) => `login-fail:ip:${ip}`;
export const pairKey = (email: string, ip: string) => `login-fail:${email.trim().toLowerCase()}|${ip}`;

/** Recent attempts recorded under `key`; also clears rows past the window (any key). */
export function recentAttempts(db: Kysely<Database>, key: string, now: number): Promise<number> {
  return countRecentAttempts(db, key, now - WINDOW_MS);
}

export function recordAttempt(db: Kysely<Database>, keys: string[], now: number): Promise<void> {
  return insertAttempts(db, keys, now);
}

/**
 * Counts an attempt from `key` and says whether it is still within {@link ADDRESS_LIMIT}. Stored in
 * the database (not process memory) so the limit holds across several app servers and restarts.
 */
export async function takeAttempt(db: Kysely<Database>, key: string, now: number): Promise<boolean> {
  if ((await recentAttempts(db, key, now)) >= ADDRESS_LIMIT) return false;
  await recordAttempt(db, [key], now);
  return true;
}
