import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken, newToken } from '../../lib/ids';
import type { AccountTokenPurpose } from './account-tokens.table';

const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  'verify-email': 48 * 3600_000,
  // Short: a reset link sits in a mailbox that may be read by others later.
  'password-reset': 3600_000,
  'booking-claim': 7 * 24 * 3600_000,
};

/**
 * Issues a one-time token and expires the user's earlier unused ones of the same purpose, so only
 * the newest link works. Returns the raw token for the email; only its hash is stored.
 */
export async function issueAccountToken(
  db: Kysely<Database>,
  userId: string,
  purpose: AccountTokenPurpose,
  now: number,
  patientId: string | null = null,
): Promise<{ token: string; expiresAt: number }> {
  // A claim is per guest record: several pending claims (one per booking record) may coexist.
  if (purpose !== 'booking-claim') await expireAccountTokens(db, userId, purpose, now);
  const token = newToken();
  const expiresAt = now + TOKEN_TTL_MS[purpose];
  await db
    .insertInto('account_tokens')
    .values({
      id: hashToken(token),
      user_id: userId,
      purpose,
      patient_id: patientId,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function expireAccountTokens(
  db: Kysely<Database>,
  userId: string,
  purpose: AccountTokenPurpose,
  now: number,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** A usable token of `purpose`: unused, unexpired, for an active account. */
export async function findUsableAccountToken(
  db: Kysely<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  now: number,
) {
  return db
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .select([
      'account_tokens.id',
      'account_tokens.patient_id',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.role',
      'users.email_verified_at',
      'users.totp_enabled',
      'users.totp_secret',
      'users.totp_last_step',
    ])
    .where('account_tokens.id', '=', hashToken(token))
    .where('account_tokens.purpose', '=', purpose)
    .where('account_tokens.used_at', 'is', null)
    .where('account_tokens.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** Marks a token used only if nobody used it first: two clicks on one link act once. */
export async function consumeAccountToken(
  trx: Kysely<Database>,
  tokenId: string,
  now: number,
): Promise<boolean> {
  const res = await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('id', '=', tokenId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markEmailVerified(trx: Kysely<Database>, userId: string, now: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ email_verified_at: now })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
}
