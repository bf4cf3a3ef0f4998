import {
  passwordResetRequestSchema,
  passwordResetSchema,
  verifyEmailRequestSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthDeps } from './auth-deps';
import { requestPasswordReset, resetPassword } from './reset-password';
import { resendEmailVerification, verifyEmail } from './verify-email';

/**
 * What a person does for their own account from a link in their mailbox: confirm the address,
 * and reset a forgotten password (decision 050).
 */
export async function selfServiceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps: AuthDeps = { ...app.deps, log: app.log };

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
    async (req) => verifyEmail(deps, req.actor, { token: req.body.token, ip: req.ip }),
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
    async (req, reply) =>
      reply.code(202).send(await resendEmailVerification(deps, req.actor!, { ip: req.ip })),
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
    async (req, reply) =>
      reply
        .code(202)
        .send(await requestPasswordReset(deps, req.actor, { email: req.body.email, ip: req.ip })),
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
    async (req) => resetPassword(deps, req.actor, { ...req.body, ip: req.ip }),
  );
}
