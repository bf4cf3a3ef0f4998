import type { Actor } from '@anagen/core/access';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { findUserById } from '../users/users.repository';
import { sendAccountMail } from './account-mail';
import {
  consumeAccountToken,
  findUsableAccountToken,
  issueAccountToken,
  markEmailVerified,
} from './account-tokens.repository';
import { type AuthDeps, auditBy, type ClientFacts } from './auth-deps';
import { takeAttempt, WINDOW_MS } from './login-throttle';

export const linkInvalid = () =>
  new AppError('UNPROCESSABLE', 'This link has expired or was already used. Ask for a new one.');

/** Confirms the address from the link mailed at registration. Does not sign in. */
export async function verifyEmail(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { token: string } & ClientFacts,
): Promise<{ status: 'verified' }> {
  const { db, clock } = deps;
  const now = clock.now();
  const t = await findUsableAccountToken(db.kysely, input.token, 'verify-email', now);
  if (!t) throw linkInvalid();
  await db.kysely.transaction().execute(async (trx) => {
    if (!(await consumeAccountToken(trx, t.id, now))) throw linkInvalid();
    await markEmailVerified(trx, t.user_id, now);
  });
  await recordAudit(db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.email.verified',
    resource: 'user',
    resourceId: t.user_id,
  });
  return { status: 'verified' };
}

/** Mails a fresh confirmation link to a signed-in patient whose address is not confirmed yet. */
export async function resendEmailVerification(
  deps: AuthDeps,
  actor: Actor,
  input: ClientFacts,
): Promise<{ status: 'check-email' }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const user = await findUserById(db.kysely, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
  if (user.email_verified_at !== null) throw new AppError('CONFLICT', 'Your email is already confirmed.');
  // A cap per account and window: the button cannot be used to flood a mailbox.
  if (config.rateLimits && !(await takeAttempt(db.kysely, `verify-resend:${user.id}`, now))) {
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      'We sent several links already. Please check your email or try later.',
      {
        retryAfterSeconds: WINDOW_MS / 1000,
      },
    );
  }
  const link = await issueAccountToken(db.kysely, user.id, 'verify-email', now);
  await recordAudit(db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.email.verification-sent',
    resource: 'user',
    resourceId: user.id,
  });
  await sendAccountMail(deps, user, { kind: 'verify-email', ...link });
  return { status: 'check-email' };
}
