import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { verifyPassword } from '../auth/password';
import { DEMO_CLINIC, DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-clinic';
import { activeAccountsWithPassword, clinicExists } from './setup.repository';

/** True for addresses only this machine can reach: the demo may run there, and nowhere else. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Whether an empty database may be given the demo clinic on start (DESIGN.md, "Commands"). */
export function demoAllowed(config: Pick<Config, 'production' | 'demo' | 'host'>): boolean {
  return !config.production && config.demo !== 'off' && isLoopbackHost(config.host);
}

/** Whether the database holds the demo clinic (the UI then shows its banner on every page). */
export async function hasDemoClinic(db: Kysely<Database>): Promise<boolean> {
  return clinicExists(db, DEMO_CLINIC.id);
}

/**
 * Emails of active accounts whose password is still the published demo password.
 *
 * passwordSchema refuses that password everywhere a password is set, so only the demo seed can store
 * it: checking the demo accounts is enough for new data. Staff accounts are checked as well, for
 * passwords set before that rule (a handful of argon2 verifications, ~40 ms each, once at start);
 * patients are not, as there may be thousands and none of them was ever given the demo password.
 */
export async function accountsWithDemoPassword(db: Kysely<Database>): Promise<string[]> {
  const demoIds = DEMO_USERS.map((u) => u.id as string);
  const rows = await activeAccountsWithPassword(db, demoIds);
  const found: string[] = [];
  for (const r of rows) {
    if (r.password_hash && (await verifyPassword(r.password_hash, DEMO_PASSWORD))) found.push(r.email);
  }
  return found;
}

/** The operator's explanation when the server refuses a public address (printed, then exit 1). */
export function demoPasswordRefusal(host: string, emails: string[]): string {
  return [
    `Refusing to listen on ${host}: these accounts still have the public demo password "${DEMO_PASSWORD}":`,
    ...emails.map((e) => `  ${e}`),
    'Anyone who can reach this address could sign in with them. Either:',
    '  - keep this a local demo: HOST=127.0.0.1 (the default), or',
    '  - start a real clinic on a fresh database (new ANAGEN_DATA_DIR or DATABASE_URL):',
    '      NODE_ENV=production npx anagen init --clinic-name "…" --time-zone Area/City --admin-email … --admin-name "…"',
    '  - or give each listed account its own password (sign in, Account, Change password) or deactivate it.',
  ].join('\n');
}
