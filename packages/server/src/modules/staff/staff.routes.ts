import {
  acceptInviteSchema,
  adminIdParamsSchema,
  inviteStaffSchema,
  meSchema,
  staffMemberSchema,
  updateStaffSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../audit/audit.service';
import { SESSION_COOKIE } from '../auth/sessions.repository';
import { acceptInvite } from './accept-invite';
import { deactivateStaff, reactivateStaff } from './deactivate-staff';
import { inviteStaff } from './invite-staff';
import { resetStaffPassword } from './reset-staff-password';
import { listStaff } from './staff.repository';
import { updateStaff } from './update-staff';

const ADMIN = { access: ['admin'] as const };
const withMail = z.object({ member: staffMemberSchema, emailSent: z.boolean() });

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;
  const mailDeps = { ...app.deps, log: app.log };

  r.get(
    '/api/admin/staff',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: z.array(staffMemberSchema) } } },
    async () => listStaff(db()),
  );

  r.post(
    '/api/admin/staff/invite',
    { config: ADMIN, schema: { tags: ['admin'], body: inviteStaffSchema, response: { 201: withMail } } },
    async (req, reply) => reply.code(201).send(await inviteStaff(mailDeps, auditActorOf(req), req.body)),
  );

  r.patch(
    '/api/admin/staff/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        params: adminIdParamsSchema,
        body: updateStaffSchema,
        response: { 200: staffMemberSchema },
      },
    },
    async (req) => updateStaff(app.deps, auditActorOf(req), { id: req.params.id, changes: req.body }),
  );

  r.post(
    '/api/admin/staff/:id/deactivate',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description:
          'Ends the person’s sessions at once and blocks sign-in; a linked provider profile stops being bookable. History stays.',
        params: adminIdParamsSchema,
        response: { 200: staffMemberSchema },
      },
    },
    async (req) => deactivateStaff(app.deps, auditActorOf(req), { id: req.params.id }),
  );

  r.post(
    '/api/admin/staff/:id/reactivate',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: adminIdParamsSchema, response: { 200: staffMemberSchema } },
    },
    async (req) => reactivateStaff(app.deps, auditActorOf(req), { id: req.params.id }),
  );

  r.post(
    '/api/admin/staff/:id/reset-password',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: 'Emails a one-time set-password link (a fresh invitation if none was accepted yet).',
        params: adminIdParamsSchema,
        response: { 200: withMail },
      },
    },
    async (req) => resetStaffPassword(mailDeps, auditActorOf(req), { id: req.params.id }),
  );

  r.post(
    '/api/auth/accept-invite',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        description: 'Sets a password from a one-time invitation or reset link and signs the person in.',
        body: acceptInviteSchema,
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const { me, actor, session } = await acceptInvite(app.deps, { ...req.body, ip: req.ip });
      req.actor = actor;
      if (session) {
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: app.deps.config.secureCookies,
          path: '/',
          expires: new Date(session.expiresAt),
        });
      }
      return me;
    },
  );
}
