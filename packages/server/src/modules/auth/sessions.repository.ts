import type { Actor } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken, newToken } from '../../lib/ids';

export const SESSION_COOKIE = 'anagen_session';
const STAFF_SESSION_MS = 12 * 3600_000;
const PATIENT_SESSION_MS = 14 * 24 * 3600_000;

export async function findActorBySessionToken(
  db: Kysely<Database>,
  token: string,
  now: number,
): Promise<{ actor: Actor; sessionId: string } | null> {
  if (token.length > 100) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('patients', 'patients.user_id', 'users.id')
    .select(['sessions.id as sessionId', 'users.id', 'users.role', 'users.name', 'patients.id as patientId'])
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  const actor: Actor = { userId: row.id, role: row.role, name: row.name };
  if (row.patientId) actor.patientId = row.patientId;
  return { actor, sessionId: row.sessionId };
}

/** Creates a session and returns the raw token for the cookie (only its hash is stored). */
export async function createSession(
  db: Kysely<Database>,
  user: { id: string; role: string },
  now: number,
  ip: string | null,
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now + (user.role === 'patient' ? PATIENT_SESSION_MS : STAFF_SESSION_MS);
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: user.id, created_at: now, expires_at: expiresAt, ip })
    .execute();
  return { token, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of a user except `keepSessionId` (the caller's own); returns how many ended. */
export async function deleteOtherSessionsOfUser(
  db: Kysely<Database>,
  userId: string,
  keepSessionId: string | null,
): Promise<number> {
  let del = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) del = del.where('id', '!=', keepSessionId);
  const res = await del.executeTakeFirst();
  return Number(res.numDeletedRows);
}
