import type { Me, RegisterRequest } from '@anagen/core/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { keyringFor, openSecret } from '../../lib/secret-box';
import { audit } from '../audit/audit.service';
import {
  findUserByEmail,
  insertUser,
  recordLoginFailure,
  resetLoginFailures,
  setTotp,
} from '../users/users.repository';
import { ACCOUNT_FAILURE_LIMIT, LOCK_MS, takeAttempt, WINDOW_MS } from './login-throttle';
import { dummyVerify, hashPassword, verifyPassword } from './password';
import { createSession } from './sessions.repository';
import { checkTotp } from './totp';

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

export async function login(
  req: FastifyRequest,
  email: string,
  password: string,
  totp?: string,
): Promise<{ me: Me; token: string; expiresAt: number }> {
  const { db, clock, config } = req.server.deps;
  await throttle(req);
  const now = clock.now();
  const user = await findUserByEmail(db.kysely, email);
  if (!user?.password_hash || !user.active) {
    await dummyVerify(password);
    await audit(req, {
      action: 'auth.login.failure',
      resource: 'session',
      detail: 'unknown or inactive account',
    });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (config.rateLimits && user.locked_until && user.locked_until > now) {
    await audit(req, { action: 'auth.login.locked', resource: 'user', resourceId: user.id });
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      'This account is locked for 15 minutes after repeated wrong passwords.',
      {
        retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000),
      },
    );
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const lock = config.rateLimits && failures >= ACCOUNT_FAILURE_LIMIT ? now + LOCK_MS : null;
    await recordLoginFailure(db.kysely, user.id, lock ? 0 : failures, lock);
    await audit(req, { action: 'auth.login.failure', resource: 'user', resourceId: user.id });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!totp) {
      throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
    }
    const step = await checkTotp(
      openSecret(keyringFor(config), user.totp_secret),
      totp,
      now,
      user.totp_last_step,
    );
    if (step === null) {
      const failures = user.failed_logins + 1;
      const lock = config.rateLimits && failures >= ACCOUNT_FAILURE_LIMIT ? now + LOCK_MS : null;
      await recordLoginFailure(db.kysely, user.id, lock ? 0 : failures, lock);
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

export async function register(req: FastifyRequest, body: RegisterRequest) {
  const { db, clock } = req.server.deps;
  await throttle(req);
  const now = clock.now();
  const passwordHash = await hashPassword(body.password);
  const userId = newId();
  const patientId = newId();
  // A new account always gets its own patient record: linking to an existing record by email
  // would hand someone else's history to whoever registers first with that address.
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id: userId,
        email: body.email,
        name: body.name,
        role: 'patient',
        passwordHash,
        now,
      });
      await trx
        .insertInto('patients')
        .values({
          id: patientId,
          user_id: userId,
          name: body.name,
          email: body.email,
          phone: null,
          birth_date: null,
          sex: null,
          created_at: now,
        })
        .execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Try signing in instead.');
    }
    throw err;
  }
  const session = await createSession(db.kysely, { id: userId, role: 'patient' }, now, req.ip);
  req.actor = { userId, role: 'patient', name: body.name, patientId };
  await audit(req, { action: 'auth.register', resource: 'user', resourceId: userId, patientId });
  const me: Me = { id: userId, email: body.email, name: body.name, role: 'patient', patientId };
  return { me, ...session };
}

export function toMe(u: {
  id: string;
  email: string;
  name: string;
  role: Me['role'];
  patientId: string | null;
}): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    ...(u.patientId ? { patientId: u.patientId } : {}),
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
