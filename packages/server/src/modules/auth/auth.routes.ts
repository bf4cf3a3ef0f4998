import { loginRequestSchema, meSchema, registerRequestSchema } from '@anagen/core/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { audit } from '../audit/audit.service';
import { findUserById } from '../users/users.repository';
import { login, register, toMe } from './auth.service';
import { deleteSession, SESSION_COOKIE } from './sessions.repository';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
      const { me, token, expiresAt } = await login(req, req.body.email, req.body.password);
      setCookie(reply, token, expiresAt);
      return me;
    },
  );

  r.post(
    '/api/auth/register',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: registerRequestSchema, response: { 201: meSchema } },
    },
    async (req, reply) => {
      const { me, token, expiresAt } = await register(req, req.body);
      setCookie(reply, token, expiresAt);
      return reply.code(201).send(me);
    },
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

  r.get(
    '/api/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: meSchema } } },
    async (req) => {
      const user = await findUserById(app.deps.db.kysely, req.actor!.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      return toMe(user);
    },
  );
}
