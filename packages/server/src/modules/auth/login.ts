import type { Actor } from '@anagen/core/access';
import type { Me } from '@anagen/core/contracts';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { findUserByEmail, resetLoginFailures, setTotp } from '../users/users.repository';
import { accountWait, checkAccountTotp, recordAccountFailure, toMe } from './auth.service';
import { type AuthDeps, auditBy, type ClientFacts } from './auth-deps';
import {
  ADDRESS_FAILURE_LIMIT,
  accountRetryAt,
  addressKey,
  PAIR_FAILURE_LIMIT,
  pairKey,
  recentAttempts,
  recordAttempt,
  WINDOW_MS,
} from './login-throttle';
import { dummyVerify, verifyPassword } from './password';
import { createSession } from './sessions.repository';
import { findUnknownEmailState, recordUnknownEmailFailure } from './unknown-email-lock.repository';

export interface LoginInput extends ClientFacts {
  email: string;
  password: string;
  totp?: string;
}

export interface LoginResult {
  me: Me;
  /** The new session's token and end: the caller sets them as the session cookie. */
  token: string;
  expiresAt: number;
  /** Who is signed in from now on. */
  actor: Actor;
}

/**
 * Signs a person in. `actor` is whoever the request already carried (usually nobody): failed tries
 * are audited under it, the success under the newly signed-in user.
 */
export async function login(deps: AuthDeps, actor: Actor | null, input: LoginInput): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const { email, password, totp, ip } = input;
  const by = auditBy(deps, actor, ip);
  await throttleLogin(deps, by, email, ip);
  const now = clock.now();
  const user = await findUserByEmail(db.kysely, email);
  if (!user?.password_hash || !user.active) {
    // Unknown emails get the same failure count and lock as real accounts (issue 17 item 5): a
    // different answer after five tries would tell a stranger which emails are registered.
    const state = await findUnknownEmailState(db.kysely, email);
    if (config.rateLimits && state.locked_until && state.locked_until > now) {
      await recordAudit(db.kysely, by(), {
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
    await countFailure(deps, email, ip);
    await recordAudit(db.kysely, by(), {
      action: 'auth.login.failure',
      resource: 'session',
      detail: 'unknown or inactive account',
    });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (config.rateLimits && user.locked_until && user.locked_until > now) {
    await recordAudit(db.kysely, by(), {
      action: 'auth.login.locked',
      resource: 'user',
      resourceId: user.id,
    });
    throw accountWait(user.locked_until - now);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordAccountFailure(db.kysely, config, user, now);
    await countFailure(deps, email, ip);
    await recordAudit(db.kysely, by(), {
      action: 'auth.login.failure',
      resource: 'user',
      resourceId: user.id,
    });
    throw new AppError('BAD_CREDENTIALS', 'The email or password is not correct.');
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!totp) {
      throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
    }
    const step = await checkAccountTotp(config, user.totp_secret, totp, now, user.totp_last_step);
    if (step === null) {
      await recordAccountFailure(db.kysely, config, user, now);
      await countFailure(deps, email, ip);
      await recordAudit(db.kysely, by(), {
        action: 'auth.login.totp-failure',
        resource: 'user',
        resourceId: user.id,
      });
      throw new AppError(
        'TOTP_INVALID',
        'That code is not correct or was already used. Wait for the next code.',
      );
    }
    await setTotp(db.kysely, user.id, { totp_last_step: step });
  }
  await resetLoginFailures(db.kysely, user.id);
  const session = await createSession(db.kysely, user, now, ip);
  const signedIn: Actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    ...(user.patientId ? { patientId: user.patientId } : {}),
  };
  await recordAudit(db.kysely, auditBy(deps, signedIn, ip)(), {
    action: 'auth.login.success',
    resource: 'user',
    resourceId: user.id,
  });
  return { me: toMe(user), ...session, actor: signedIn };
}

/**
 * Sign-in limits keyed on the client address (the socket's, or the client's as forwarded by a
 * trusted proxy, see ANAGEN_TRUST_PROXY) and on the email + address pair, counting failures only.
 * One person's forgotten password, or one attacker, does not shut out everyone else.
 */
async function throttleLogin(
  deps: AuthDeps,
  by: ReturnType<typeof auditBy>,
  email: string,
  ip: string,
): Promise<void> {
  const { db, clock, config } = deps;
  if (!config.rateLimits) return;
  const now = clock.now();
  const overAddress = (await recentAttempts(db.kysely, addressKey(ip), now)) >= ADDRESS_FAILURE_LIMIT;
  if (overAddress || (await recentAttempts(db.kysely, pairKey(email, ip), now)) >= PAIR_FAILURE_LIMIT) {
    await recordAudit(db.kysely, by(), { action: 'auth.rate-limited', resource: 'session' });
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts from your address. Try again later.', {
      retryAfterSeconds: WINDOW_MS / 1000,
    });
  }
}

async function countFailure(deps: AuthDeps, email: string, ip: string): Promise<void> {
  const { db, clock, config } = deps;
  if (!config.rateLimits) return;
  await recordAttempt(db.kysely, [addressKey(ip), pairKey(email, ip)], clock.now());
}
