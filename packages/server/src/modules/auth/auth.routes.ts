import {
  loginRequestSchema,
  meSchema,
  registerRequestSchema,
  registerResponseSchema,
  totpCodeRequestSchema,
  totpSetupSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { keyringFor, openSecret, SecretKeyMissingError, sealSecret } from '../../lib/secret-box';
import { audit } from '../audit/audit.service';
import { findTotpState, findUserById, setTotp } from '../users/users.repository';
import { login, register, toMe } from './auth.service';
import { deleteSession, SESSION_COOKIE } from './sessions.repository';
import { checkTotp, newTotpSecret, totpUri } from './totp';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The TOTP key; in production without ANAGEN_SECRET_KEY two-step sign-in cannot be set up (409). */
  const totpKeyring = () => {
    try {
      return keyringFor(app.deps.config);
    } catch (err) {
      if (err instanceof SecretKeyMissingError)
        throw new AppError(
          'CONFLICT',
          'Two-step sign-in is not available yet: the server has no ANAGEN_SECRET_KEY. Ask your administrator.',
        );
      throw err;
    }
  };
  const setCookie = (reply: FastifyReply, token: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.deps.config.secureCookies,
      path: '/',
      expires: new Date(expiresAt),
    });

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: meSchema } },
    },
    async (req, reply) => {
      const { me, token, expiresAt } = await login(req, req.body.email, req.body.password, req.body.totp);
      setCookie(reply, token, expiresAt);
      return me;
    },
  );

  r.post(
    '/api/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        description:
          'Creates a patient account and mails a link to confirm the address. Answers 202 the same way whether or not the email already has an account.',
        body: registerRequestSchema,
        response: { 202: registerResponseSchema },
      },
    },
    async (req, reply) => reply.code(202).send(await register(req, req.body)),
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionId) await deleteSession(app.deps.db.kysely, req.sessionId);
      await audit(req, { action: 'auth.logout', resource: 'user', resourceId: req.actor?.userId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  const STAFF = ['desk', 'clinician', 'admin'] as const;

  r.get(
    '/api/auth/totp',
    {
      config: { access: STAFF },
      schema: {
        tags: ['auth'],
        description: 'Whether two-step sign-in is on for the signed-in staff member',
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async (req) => {
      const state = await findTotpState(app.deps.db.kysely, req.actor!.userId);
      return { enabled: Boolean(state?.totp_enabled) };
    },
  );

  r.post(
    '/api/auth/totp/setup',
    {
      config: { access: STAFF },
      schema: {
        tags: ['auth'],
        description: 'Start two-step sign-in: a new secret for an authenticator app',
        response: { 200: totpSetupSchema },
      },
    },
    async (req) => {
      const state = await findTotpState(app.deps.db.kysely, req.actor!.userId);
      if (!state) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      if (state.totp_enabled)
        throw new AppError(
          'CONFLICT',
          'Two-step sign-in is already on. Turn it off first to change the app.',
        );
      const secret = newTotpSecret();
      await setTotp(app.deps.db.kysely, req.actor!.userId, {
        totp_secret: sealSecret(totpKeyring(), secret),
        totp_enabled: 0,
        totp_last_step: null,
      });
      await audit(req, { action: 'auth.totp.setup', resource: 'user', resourceId: req.actor!.userId });
      return { secret, otpauthUri: totpUri(secret, state.email, 'Anagen') };
    },
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { access: STAFF },
      schema: { tags: ['auth'], body: totpCodeRequestSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const state = await findTotpState(app.deps.db.kysely, req.actor!.userId);
      if (!state?.totp_secret) throw new AppError('CONFLICT', 'Start the set-up first.');
      const step = await checkTotp(
        openSecret(totpKeyring(), state.totp_secret),
        req.body.code,
        app.deps.clock.now(),
        state.totp_last_step,
      );
      if (step === null)
        throw new AppError(
          'TOTP_INVALID',
          'That code is not correct. Check the time on your phone and try again.',
        );
      await setTotp(app.deps.db.kysely, req.actor!.userId, { totp_enabled: 1, totp_last_step: step });
      await audit(req, { action: 'auth.totp.enabled', resource: 'user', resourceId: req.actor!.userId });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/totp/disable',
    {
      config: { access: STAFF },
      schema: { tags: ['auth'], body: totpCodeRequestSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const state = await findTotpState(app.deps.db.kysely, req.actor!.userId);
      if (!state?.totp_enabled || !state.totp_secret)
        throw new AppError('CONFLICT', 'Two-step sign-in is not on.');
      const step = await checkTotp(
        openSecret(totpKeyring(), state.totp_secret),
        req.body.code,
        app.deps.clock.now(),
        state.totp_last_step,
      );
      if (step === null) throw new AppError('TOTP_INVALID', 'That code is not correct.');
      await setTotp(app.deps.db.kysely, req.actor!.userId, {
        totp_enabled: 0,
        totp_secret: null,
        totp_last_step: null,
      });
      await audit(req, { action: 'auth.totp.disabled', resource: 'user', resourceId: req.actor!.userId });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: meSchema } } },
    async (req) => {
      const user = await findUserById(app.deps.db.kysely, req.actor!.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      return toMe(user);
    },
  );

  // The web app asks on every page who is signed in: for a visitor "nobody" is an answer, not a
  // 401 (which browsers log as an error on every public page). /me keeps its contract.
  r.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], response: { 200: z.object({ user: meSchema.nullable() }) } },
    },
    async (req) => {
      const user = req.actor ? await findUserById(app.deps.db.kysely, req.actor.userId) : undefined;
      return { user: user ? toMe(user) : null };
    },
  );
}
