import type { Me, RegisterRequest, RegisterResponse } from '@anagen/core/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { keyringFor, openSecret } from '../../lib/secret-box';
import { audit } from '../audit/audit.service';
import { addPatientRecord } from '../patients/create-patient';
import {
  findUserByEmail,
  insertUser,
  recordLoginFailure,
  resetLoginFailures,
  setTotp,
} from '../users/users.repository';
import { sendAccountMailInBackground } from './account-mail';
import { issueAccountToken } from './account-tokens.repository';
import {
  ADDRESS_FAILURE_LIMIT,
  accountRetryAt,
  addressKey,
  PAIR_FAILURE_LIMIT,
  pairKey,
  recentAttempts,
  recordAttempt,
  takeAttempt,
  WINDOW_MS,
} from './login-throttle';
import { dummyVerify, hashPassword, verifyPassword } from './password';
import { createSession } from './sessions.repository';
import { checkTotp } from './totp';
import { findUnknownEmailState, recordUnknownEmailFailure } from './unknown-email-lock';

async function throttle(req: FastifyRequest): Promise<void> {
  const { db, clock, config } = req.server.deps;
  if (!config.rateLimits) return;
  if (!(await takeAttempt(db.kysely, `ip:${req.ip}`, clock.now()))) {
    await audit(req, { action: 'auth.rate-limited', resource: 'session' });
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts from your address. Try again later.', {
      retryAfterSeconds: WINDOW_MS / 1000,
    });
  }
}

/**
 * Sign-in limits keyed on the client address (req.ip: the socket's, or the client's as forwarded
 * by a trusted proxy, see ANAGEN_TRUST_PROXY) and on the email + address pair, counting failures
 * only. One person's forgotten password, or one attacker, does not shut out everyone else.
 */
async function throttleLogin(req: FastifyRequest, email: string): Promise<void> {
  const { db, clock, config } = req.server.deps;
  if (!config.rateLimits) return;
  const now = clock.now();
  const overAddress = (await recentAttempts(db.kysely, addressKey(req.ip), now)) >= ADDRESS_FAILURE_LIMIT;
  if (overAddress || (await recentAttempts(db.kysely, pairKey(email, req.ip), now)) >= PAIR_FAILURE_LIMIT) {
    await audit(req, { action: 'auth.rate-limited', resource: 'session' });
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts from your address. Try again later.', {
      retryAfterSeconds: WINDOW_MS / 1000,
    });
  }
}

async function countFailure(req: FastifyRequest, email: string): Promise<void> {
  const { db, clock, config } = req.server.deps;
  if (!config.rateLimits) return;
  await recordAttempt(db.kysely, [addressKey(req.ip), pairKey(email, req.ip)], clock.now());
}

export async function login(
  req: FastifyRequest,
  email: string,
  password: string,
  totp?: string,
): Promise<{ me: Me; token: string; expiresAt: number }> {
  const { db, clock, config } = req.server.deps;
  await throttleLogin(req, email);
  const now = clock.now();
  const user = await findUserByEmail(db.kysely, email);
  if (!user?.password_hash || !user.active) {
    // Unknown emails get the same failure count and lock as real accounts (issue 17 item 5): a
    // different answer after five tries would tell a stranger which emails are registered.
    const state = await findUnknownEmailState(db.kysely, email);
    if (config.rateLimits && state.locked_until && state.locked_until > now) {
      await audit(req, {
        action: 'auth.login.locked',
        resource: 'session',
        detail: 'unknown or inactive account',
      });
      throw accountWait(state.locked_until - now);
    }
    await dummyVerify(password);
    // The same growing wait as a real account's (items 4 and 5 together).
    const failures = state.failed_logins + 1;
    await recordUnknownEmailFailure(
      db.kysely,
      email,
      failures,
      config.rateLimits ? accountRetryAt(failures, now) : null,
      now,
    );
    await countFailure(req, email);
    await audit(req, {
      action: 'auth.login.failure',
      resource: 'session',
      detail: 'unknown or inactive account',
    });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (config.rateLimits && user.locked_until && user.locked_until > now) {
    await audit(req, { action: 'auth.login.locked', resource: 'user', resourceId: user.id });
    throw accountWait(user.locked_until - now);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordAccountFailure(db.kysely, config, user, now);
    await countFailure(req, email);
    await audit(req, { action: 'auth.login.failure', resource: 'user', resourceId: user.id });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!totp) {
      throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
    }
    const step = await checkAccountTotp(config, user.totp_secret, totp, now, user.totp_last_step);
    if (step === null) {
      await recordAccountFailure(db.kysely, config, user, now);
      await countFailure(req, email);
      await audit(req, { action: 'auth.login.totp-failure', resource: 'user', resourceId: user.id });
      throw new AppError(
        'TOTP_INVALID',
        'That code is not correct or was already used. Wait for the next code.',
      );
    }
    await setTotp(db.kysely, user.id, { totp_last_step: step });
  }
  await resetLoginFailures(db.kysely, user.id);
  const session = await createSession(db.kysely, user, now, req.ip);
  req.actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    ...(user.patientId ? { patientId: user.patientId } : {}),
  };
  await audit(req, { action: 'auth.login.success', resource: 'user', resourceId: user.id });
  return { me: toMe(user), ...session };
}

const CHECK_EMAIL: RegisterResponse = {
  status: 'check-email',
  detail:
    'Check your email: we sent you a link to confirm your address before your account can be used for your records.',
};

/**
 * Registration answers the same whether or not the email has an account (issue 17 item 5): a new
 * address gets a verification link, a known one a note to its owner. No session is started here,
 * because starting one only for new addresses would reveal the difference; the person signs in
 * after registering. The new account always gets its own, empty patient record: until the address
 * is verified it sees only what it created itself.
 */
export async function register(req: FastifyRequest, body: RegisterRequest): Promise<RegisterResponse> {
  const { db, clock } = req.server.deps;
  await throttle(req);
  const now = clock.now();
  // Hashed on both paths so that the response time does not tell them apart either.
  const passwordHash = await hashPassword(body.password);
  const existing = await findUserByEmail(db.kysely, body.email);
  if (existing) {
    await alreadyRegistered(req, existing);
    return CHECK_EMAIL;
  }
  const userId = newId();
  const patientId = newId();
  let link: { token: string; expiresAt: number };
  try {
    link = await db.kysely.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id: userId,
        email: body.email,
        name: body.name,
        role: 'patient',
        passwordHash,
        now,
        emailVerified: false,
      });
      await addPatientRecord(trx, { id: patientId, userId, name: body.name, email: body.email }, now);
      return issueAccountToken(trx, userId, 'verify-email', now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Two registrations raced for one address: the loser is told the same as everyone else.
    const winner = await findUserByEmail(db.kysely, body.email);
    if (winner) await alreadyRegistered(req, winner);
    return CHECK_EMAIL;
  }
  await audit(req, { action: 'auth.register', resource: 'user', resourceId: userId, patientId });
  sendAccountMailInBackground(
    req.server,
    { email: body.email, name: body.name },
    { kind: 'verify-email', ...link },
  );
  return CHECK_EMAIL;
}

async function alreadyRegistered(
  req: FastifyRequest,
  user: { id: string; email: string; name: string; active: number },
): Promise<void> {
  await audit(req, { action: 'auth.register.existing-email', resource: 'user', resourceId: user.id });
  if (user.active) sendAccountMailInBackground(req.server, user, { kind: 'already-registered' });
}

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

/** The answer while an account waits after repeated wrong passwords (sign-in or password change). */
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

export function accountWait(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    `After repeated wrong passwords this account can be tried again in ${when}.`,
    { retryAfterSeconds: seconds },
  );
}
