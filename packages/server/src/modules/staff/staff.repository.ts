import { STAFF_ROLES } from '@anagen/core/access';
import type { StaffMember } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken, newToken } from '../../lib/ids';

export async function listStaff(db: Kysely<Database>, id?: string): Promise<StaffMember[]> {
  let q = db
    .selectFrom('users')
    .leftJoin('providers', 'providers.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.active',
      'users.password_hash',
      'users.created_at',
      'providers.id as provider_id',
    ])
    .where('users.role', 'in', STAFF_ROLES);
  if (id) q = q.where('users.id', '=', id);
  const rows = await q.orderBy('users.name').execute();
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as StaffMember['role'],
    active: u.active === 1,
    invitePending: u.password_hash === null,
    providerId: u.provider_id,
    createdAt: Number(u.created_at),
  }));
}

export async function findStaff(db: Kysely<Database>, id: string): Promise<StaffMember | undefined> {
  return (await listStaff(db, id))[0];
}

const INVITE_TTL_MS = 7 * 24 * 3600_000;
const RESET_TTL_MS = 2 * 3600_000;

/**
 * Issues a one-time set-password token and revokes the user's earlier unused ones, so only the
 * newest link works. Returns the raw token (for the email); only its hash is stored.
 */
export async function issueUserToken(
  trx: Kysely<Database>,
  userId: string,
  purpose: 'invite' | 'reset',
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  await revokeUserTokens(trx, userId, now);
  const token = newToken();
  const expiresAt = now + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS);
  await trx
    .insertInto('user_tokens')
    .values({
      id: hashToken(token),
      user_id: userId,
      purpose,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeUserTokens(trx: Kysely<Database>, userId: string, now: number): Promise<void> {
  await trx
    .updateTable('user_tokens')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** A usable token: unused, unexpired, for an active account. */
export async function findUsableToken(db: Kysely<Database>, token: string, now: number) {
  if (token.length > 100) return undefined;
  return db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select([
      'user_tokens.id',
      'user_tokens.purpose',
      'users.id as user_id',
      'users.role',
      'users.email',
      'users.name',
    ])
    .where('user_tokens.id', '=', hashToken(token))
    .where('user_tokens.used_at', 'is', null)
    .where('user_tokens.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** Marks a token used only if nobody used it first (two clicks on one link set one password). */
export async function consumeToken(trx: Kysely<Database>, tokenId: string, now: number): Promise<boolean> {
  const res = await trx
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', tokenId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setUserPassword(
  trx: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function updateStaffUser(
  trx: Kysely<Database>,
  id: string,
  set: { name?: string; role?: 'desk' | 'clinician' | 'admin'; active?: number },
): Promise<void> {
  await trx.updateTable('users').set(set).where('id', '=', id).execute();
}
