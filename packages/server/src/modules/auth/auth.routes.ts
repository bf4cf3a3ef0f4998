import { STAFF_ROLES } from '@anagen/core/access';
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
import { findUserById } from '../users/users.repository';
import { toMe } from './auth.service';
import type { AuthDeps } from './auth-deps';
import { login } from './login';
import { register } from './register';
import { SESSION_COOKIE } from './sessions.repository';
import { signOut } from './sign-out';
import { disableTwoStep, enableTwoStep, setUpTwoStep, twoStepStatus } from './two-step';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps: AuthDeps = { ...app.deps, log: app.log };
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
      const { me, token, expiresAt, actor } = await login(deps, req.actor, { ...req.body, ip: req.ip });
      req.actor = actor;
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
    async (req, reply) => reply.code(202).send(await register(deps, req.actor, { ...req.body, ip: req.ip })),
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (req, reply) => {
      await signOut(deps, req.actor, { sessionId: req.sessionId, ip: req.ip });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/totp',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['auth'],
        description: 'Whether two-step sign-in is on for the signed-in staff member',
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async (req) => twoStepStatus(deps, req.actor!),
  );

  r.post(
    '/api/auth/totp/setup',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['auth'],
        description: 'Start two-step sign-in: a new secret for an authenticator app',
        response: { 200: totpSetupSchema },
      },
    },
    async (req) => setUpTwoStep(deps, req.actor!, { ip: req.ip }),
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['auth'], body: totpCodeRequestSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await enableTwoStep(deps, req.actor!, { code: req.body.code, ip: req.ip });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/totp/disable',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['auth'], body: totpCodeRequestSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await disableTwoStep(deps, req.actor!, { code: req.body.code, ip: req.ip });
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
