import type { Actor } from '@anagen/core/access';
import type { PasswordReset } from '@anagen/core/contracts';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { findUserByEmail, setPasswordHash, setTotp } from '../users/users.repository';
import { sendAccountMailInBackground } from './account-mail';
import {
  consumeAccountToken,
  expireAccountTokens,
  findUsableAccountToken,
  issueAccountToken,
  markEmailVerified,
} from './account-tokens.repository';
import { accountWait, checkAccountTotp, recordAccountFailure } from './auth.service';
import { type AuthDeps, auditBy, type ClientFacts } from './auth-deps';
import { takeAttempt, WINDOW_MS } from './login-throttle';
import { hashPassword } from './password';
import { deleteOtherSessionsOfUser } from './sessions.repository';
import { linkInvalid } from './verify-email';

const RESET_REQUESTED = {
  status: 'check-email' as const,
  detail:
    'If an account uses this email, we sent it a link to choose a new password. The link works for one hour.',
};

/**
 * Mails a one-time link to choose a new password (decision 050). Answers the same way whether or
 * not the email has an account.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  actor: Actor | null,
  input: { email: string } & ClientFacts,
): Promise<typeof RESET_REQUESTED> {
  const { db, clock, config } = deps;
  const by = auditBy(deps, actor, input.ip);
  const now = clock.now();
  if (config.rateLimits && !(await takeAttempt(db.kysely, `reset:${input.ip}`, now))) {
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many requests from your address. Try again later.', {
      retryAfterSeconds: WINDOW_MS / 1000,
    });
  }
  const user = await findUserByEmail(db.kysely, input.email);
  // A cap per account as well, so many addresses cannot flood one mailbox; past it the answer is
  // unchanged and no mail goes out.
  const mayMail =
    user?.active &&
    user.password_hash !== null &&
    (!config.rateLimits || (await takeAttempt(db.kysely, `reset-mail:${user.id}`, now)));
  if (user && mayMail) {
    const link = await issueAccountToken(db.kysely, user.id, 'password-reset', now);
    await recordAudit(db.kysely, by(), {
      action: 'auth.password.reset-requested',
      resource: 'user',
      resourceId: user.id,
    });
    sendAccountMailInBackground(deps, user, { kind: 'password-reset', ...link });
  } else {
    await recordAudit(db.kysely, by(), {
      action: 'auth.password.reset-requested',
      resource: 'session',
      detail: 'no such account',
    });
  }
  return RESET_REQUESTED;
}

/**
 * Sets a new password from a reset link; ends every session of the account and does not sign in.
 * Accounts with two-step sign-in must also give a current code.
 */
export async function resetPassword(
  deps: Pick<AuthDeps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  input: PasswordReset & ClientFacts,
): Promise<{ status: 'password-changed'; sessionsEnded: number }> {
  const { db, clock, config } = deps;
  const by = auditBy(deps, actor, input.ip);
  const now = clock.now();
  const t = await findUsableAccountToken(db.kysely, input.token, 'password-reset', now);
  if (!t) throw linkInvalid();
  const user = await findUserByEmail(db.kysely, t.email);
  if (!user) throw linkInvalid();
  if (config.rateLimits && user.locked_until && user.locked_until > now) {
    throw accountWait(user.locked_until - now);
  }
  // A mailbox alone must not undo two-step sign-in: the code is required before anything changes,
  // and the link stays usable until the code is right.
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) {
      throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app as well.');
    }
    totpStep = await checkAccountTotp(config, user.totp_secret, input.totp, now, user.totp_last_step);
    if (totpStep === null) {
      await recordAccountFailure(db.kysely, config, user, now);
      await recordAudit(db.kysely, by(), {
        action: 'auth.password.reset-totp-failure',
        resource: 'user',
        resourceId: user.id,
      });
      throw new AppError(
        'TOTP_INVALID',
        'That code is not correct or was already used. Wait for the next code.',
      );
    }
  }
  const passwordHash = await hashPassword(input.password);
  const ended = await db.kysely.transaction().execute(async (trx) => {
    if (!(await consumeAccountToken(trx, t.id, now))) throw linkInvalid();
    await setPasswordHash(trx, user.id, passwordHash);
    if (totpStep !== null) await setTotp(trx, user.id, { totp_last_step: totpStep });
    // The link proved control of the mailbox, which is what verification asks.
    await markEmailVerified(trx, user.id, now);
    await expireAccountTokens(trx, user.id, 'password-reset', now);
    return deleteOtherSessionsOfUser(trx, user.id, null);
  });
  await recordAudit(db.kysely, by(), {
    action: 'auth.password.reset',
    resource: 'user',
    resourceId: user.id,
    detail: `${ended} sessions ended`,
  });
  return { status: 'password-changed', sessionsEnded: ended };
}
