import type { Role } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .leftJoin('patients', 'patients.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.password_hash',
      'users.active',
      'users.failed_logins',
      'users.locked_until',
      'users.totp_secret',
      'users.totp_enabled',
      'users.totp_last_step',
      'users.email_verified_at',
      'patients.id as patientId',
    ])
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .leftJoin('patients', 'patients.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.active',
      'users.email_verified_at',
      'patients.id as patientId',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function insertUser(
  db: Kysely<Database>,
  u: {
    id: string;
    email: string;
    name: string;
    role: Role;
    passwordHash: string | null;
    now: number;
    /** False only for self-registration: staff, CLI and demo accounts are created by someone trusted. */
    emailVerified?: boolean;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: u.now,
      email_verified_at: u.emailVerified === false ? null : u.now,
    })
    .execute();
}

export async function recordLoginFailure(
  db: Kysely<Database>,
  userId: string,
  failedLogins: number,
  lockedUntil: number | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: failedLogins, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function resetLoginFailures(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function setTotp(
  db: Kysely<Database>,
  userId: string,
  values: { totp_secret?: string | null; totp_enabled?: number; totp_last_step?: number | null },
): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', userId).execute();
}

export async function findTotpState(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['email', 'totp_secret', 'totp_enabled', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** What a password change checks: the current hash and the account's wait after wrong passwords. */
export async function findPasswordState(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'failed_logins', 'locked_until'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** A new password also clears the wrong-password count and any wait. */
export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function findUserRole(db: Kysely<Database>, userId: string): Promise<Role | undefined> {
  const u = await db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  return u?.role;
}

/** Every stored TOTP secret (sealed or, from before encryption, plain), by user. */
export async function listTotpSecrets(db: Kysely<Database>) {
  return db.selectFrom('users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute();
}

/** Replaces a TOTP secret only if it is still `stored` (a concurrent set-up or turn-off wins). */
export async function replaceTotpSecret(
  db: Kysely<Database>,
  userId: string,
  stored: string,
  replacement: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: replacement })
    .where('id', '=', userId)
    .where('totp_secret', '=', stored)
    .execute();
}

/** How many accounts have a TOTP secret stored. */
export async function countTotpSecrets(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('totp_secret', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
