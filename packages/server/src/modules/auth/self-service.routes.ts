import {
  passwordResetRequestSchema,
  passwordResetSchema,
  verifyEmailRequestSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { audit } from '../audit/audit.service';
import { findUserByEmail, findUserById, setTotp } from '../users/users.repository';
import { sendAccountMail, sendAccountMailInBackground } from './account-mail';
import {
  consumeAccountToken,
  expireAccountTokens,
  findUsableAccountToken,
  issueAccountToken,
  markEmailVerified,
} from './account-tokens.repository';
import { accountWait, checkAccountTotp, recordAccountFailure } from './auth.service';
import { takeAttempt, WINDOW_MS } from './login-throttle';
import { hashPassword } from './password';

const linkInvalid = () =>
  new AppError('UNPROCESSABLE', 'This link has expired or was already used. Ask for a new one.');

const RESET_REQUESTED = {
  status: 'check-email' as const,
  detail:
    'If an account uses this email, we sent it a link to choose a new password. The link works for one hour.',
};

/**
 * What a person does for their own account from a link in their mailbox: confirm the address,
 * and reset a forgotten password (decision 050).
 */
export async function selfServiceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.post(
    '/api/auth/verify-email',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        description: 'Confirms the address from the link mailed at registration. Does not sign in.',
        body: verifyEmailRequestSchema,
        response: { 200: z.object({ status: z.literal('verified') }) },
      },
    },
    async (req) => {
      const now = clock.now();
      const t = await findUsableAccountToken(db.kysely, req.body.token, 'verify-email', now);
      if (!t) throw linkInvalid();
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await consumeAccountToken(trx, t.id, now))) throw linkInvalid();
        await markEmailVerified(trx, t.user_id, now);
      });
      await audit(req, { action: 'auth.email.verified', resource: 'user', resourceId: t.user_id });
      return { status: 'verified' as const };
    },
  );

  r.post(
    '/api/auth/verify-email/resend',
    {
      config: { access: ['patient'] },
      schema: {
        tags: ['auth'],
        description:
          'Mails a fresh confirmation link to the signed-in patient whose address is not confirmed yet.',
        response: { 202: z.object({ status: z.literal('check-email') }) },
      },
    },
    async (req, reply) => {
      const now = clock.now();
      const user = await findUserById(db.kysely, req.actor!.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      if (user.email_verified_at !== null) throw new AppError('CONFLICT', 'Your email is already confirmed.');
      // A cap per account and window: the button cannot be used to flood a mailbox.
      if (app.deps.config.rateLimits && !(await takeAttempt(db.kysely, `verify-resend:${user.id}`, now))) {
        throw new AppError(
          'TOO_MANY_ATTEMPTS',
          'We sent several links already. Please check your email or try later.',
          {
            retryAfterSeconds: WINDOW_MS / 1000,
          },
        );
      }
      const link = await issueAccountToken(db.kysely, user.id, 'verify-email', now);
      await audit(req, { action: 'auth.email.verification-sent', resource: 'user', resourceId: user.id });
      await sendAccountMail(app, user, { kind: 'verify-email', ...link });
      return reply.code(202).send({ status: 'check-email' as const });
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        description:
          'Mails a one-time link to choose a new password. Answers 202 the same way whether or not the email has an account.',
        body: passwordResetRequestSchema,
        response: { 202: z.object({ status: z.literal('check-email'), detail: z.string() }) },
      },
    },
    async (req, reply) => {
      const now = clock.now();
      if (app.deps.config.rateLimits && !(await takeAttempt(db.kysely, `reset:${req.ip}`, now))) {
        throw new AppError('TOO_MANY_ATTEMPTS', 'Too many requests from your address. Try again later.', {
          retryAfterSeconds: WINDOW_MS / 1000,
        });
      }
      const user = await findUserByEmail(db.kysely, req.body.email);
      // A cap per account as well, so many addresses cannot flood one mailbox; past it the answer is
      // unchanged and no mail goes out.
      const mayMail =
        user?.active &&
        user.password_hash !== null &&
        (!app.deps.config.rateLimits || (await takeAttempt(db.kysely, `reset-mail:${user.id}`, now)));
      if (user && mayMail) {
        const link = await issueAccountToken(db.kysely, user.id, 'password-reset', now);
        await audit(req, { action: 'auth.password.reset-requested', resource: 'user', resourceId: user.id });
        sendAccountMailInBackground(app, user, { kind: 'password-reset', ...link });
      } else {
        await audit(req, {
          action: 'auth.password.reset-requested',
          resource: 'session',
          detail: 'no such account',
        });
      }
      return reply.code(202).send(RESET_REQUESTED);
    },
  );

  r.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        description:
          'Sets a new password from a reset link; ends every session of the account and does not sign in. Accounts with two-step sign-in must also give a current code.',
        body: passwordResetSchema,
        response: {
          200: z.object({ status: z.literal('password-changed'), sessionsEnded: z.number().int() }),
        },
      },
    },
    async (req) => {
      const { config } = app.deps;
      const now = clock.now();
      const t = await findUsableAccountToken(db.kysely, req.body.token, 'password-reset', now);
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
        if (!req.body.totp) {
          throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app as well.');
        }
        totpStep = await checkAccountTotp(config, user.totp_secret, req.body.totp, now, user.totp_last_step);
        if (totpStep === null) {
          await recordAccountFailure(db.kysely, config, user, now);
          await audit(req, {
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
      const passwordHash = await hashPassword(req.body.password);
      const ended = await db.kysely.transaction().execute(async (trx) => {
        if (!(await consumeAccountToken(trx, t.id, now))) throw linkInvalid();
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
          .where('id', '=', user.id)
          .execute();
        if (totpStep !== null) await setTotp(trx, user.id, { totp_last_step: totpStep });
        // The link proved control of the mailbox, which is what verification asks.
        await markEmailVerified(trx, user.id, now);
        await expireAccountTokens(trx, user.id, 'password-reset', now);
        const res = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
        return Number(res.numDeletedRows);
      });
      await audit(req, {
        action: 'auth.password.reset',
        resource: 'user',
        resourceId: user.id,
        detail: `${ended} sessions ended`,
      });
      return { status: 'password-changed' as const, sessionsEnded: ended };
    },
  );
}
