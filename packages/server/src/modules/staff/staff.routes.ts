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
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { audit, auditActorOf } from '../audit/audit.service';
import { isUniqueViolation } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { createSession, deleteSessionsOfUser, SESSION_COOKIE } from '../auth/sessions.repository';
import { auditChange } from '../clinic/admin-audit';
import { fieldConflict } from '../clinic/references';
import { deactivateProvider } from '../providers/providers.repository';
import { findTotpState, insertUser } from '../users/users.repository';
import {
  consumeToken,
  findStaff,
  findUsableToken,
  issueUserToken,
  listStaff,
  revokeUserTokens,
  setUserPassword,
  updateStaffUser,
} from './staff.repository';
import { sendPasswordLink } from './staff-mail';

const ADMIN = { access: ['admin'] as const };
const withMail = z.object({ member: staffMemberSchema, emailSent: z.boolean() });

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;
  const now = () => app.deps.clock.now();

  async function member(id: string) {
    const m = await findStaff(db(), id);
    if (!m) throw notFound('Staff member');
    return m;
  }
  function notSelf(actorId: string | undefined, id: string, what: string) {
    // Guards against an admin locking everyone out by demoting or deactivating themself.
    if (actorId === id)
      throw new AppError('CONFLICT', `You cannot ${what} your own account; ask another admin.`);
  }

  r.get(
    '/api/admin/staff',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: z.array(staffMemberSchema) } } },
    async () => listStaff(db()),
  );

  r.post(
    '/api/admin/staff/invite',
    { config: ADMIN, schema: { tags: ['admin'], body: inviteStaffSchema, response: { 201: withMail } } },
    async (req, reply) => {
      const id = newId();
      let link: { token: string; expiresAt: number };
      try {
        link = await db()
          .transaction()
          .execute(async (trx) => {
            await insertUser(trx, { ...req.body, id, passwordHash: null, now: now() });
            await auditChange(auditActorOf(req), trx, 'staff.invite', 'user', id, {
              email: req.body.email,
              role: req.body.role,
            });
            return issueUserToken(trx, id, 'invite', now());
          });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('EMAIL_TAKEN', 'An account with this email already exists.', {
            errors: [{ path: 'body.email', message: 'An account with this email already exists' }],
          });
        }
        throw err;
      }
      const emailSent = await sendPasswordLink(app, req.body, 'invite', link.token, link.expiresAt);
      return reply.code(201).send({ member: await member(id), emailSent });
    },
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
    async (req) => {
      const m = await member(req.params.id);
      if (req.body.role && req.body.role !== m.role) notSelf(req.actor?.userId, m.id, 'change the role of');
      if (m.providerId && req.body.role && req.body.role !== 'clinician') {
        throw fieldConflict(
          'body.role',
          'This person has a provider profile; unlink it on the Schedules page before changing the role',
        );
      }
      await db()
        .transaction()
        .execute(async (trx) => {
          await updateStaffUser(trx, m.id, req.body);
          await auditChange(auditActorOf(req), trx, 'staff.update', 'user', m.id, {
            from: { name: m.name, role: m.role },
            to: req.body,
          });
        });
      return member(m.id);
    },
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
    async (req) => {
      const m = await member(req.params.id);
      notSelf(req.actor?.userId, m.id, 'deactivate');
      await db()
        .transaction()
        .execute(async (trx) => {
          await updateStaffUser(trx, m.id, { active: 0 });
          await deleteSessionsOfUser(trx, m.id);
          await revokeUserTokens(trx, m.id, now());
          await auditChange(auditActorOf(req), trx, 'staff.deactivate', 'user', m.id);
          // Nobody should be booked with a clinician who can no longer sign in; the profile and its
          // history stay, and an admin can make it bookable again on the Schedules page.
          if (m.providerId) {
            await deactivateProvider(trx, m.providerId);
            await auditChange(auditActorOf(req), trx, 'provider.deactivate', 'provider', m.providerId, {
              reason: 'staff deactivated',
            });
          }
        });
      return member(m.id);
    },
  );

  r.post(
    '/api/admin/staff/:id/reactivate',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: adminIdParamsSchema, response: { 200: staffMemberSchema } },
    },
    async (req) => {
      const m = await member(req.params.id);
      await db()
        .transaction()
        .execute(async (trx) => {
          await updateStaffUser(trx, m.id, { active: 1 });
          await auditChange(auditActorOf(req), trx, 'staff.reactivate', 'user', m.id);
        });
      return member(m.id);
    },
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
    async (req) => {
      const m = await member(req.params.id);
      if (!m.active) throw new AppError('CONFLICT', 'Reactivate this account before resetting its password.');
      const purpose = m.invitePending ? 'invite' : 'reset';
      const link = await db()
        .transaction()
        .execute(async (trx) => {
          await auditChange(
            auditActorOf(req),
            trx,
            `staff.${purpose === 'invite' ? 'reinvite' : 'reset-password'}`,
            'user',
            m.id,
          );
          return issueUserToken(trx, m.id, purpose, now());
        });
      return { member: m, emailSent: await sendPasswordLink(app, m, purpose, link.token, link.expiresAt) };
    },
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
      const t = await findUsableToken(db(), req.body.token, now());
      const invalid = () =>
        new AppError(
          'UNPROCESSABLE',
          'This link has expired or was already used. Ask an administrator for a new one.',
        );
      if (!t) throw invalid();
      const passwordHash = await hashPassword(req.body.password);
      // With two-step sign-in on, a mailed link must not stand in for the second step: the password
      // is set, but the person signs in with their code as usual (issue 17).
      const totpOn = Boolean((await findTotpState(db(), t.user_id))?.totp_enabled);
      const session = await db()
        .transaction()
        .execute(async (trx) => {
          if (!(await consumeToken(trx, t.id, now()))) throw invalid();
          await setUserPassword(trx, t.user_id, passwordHash);
          await revokeUserTokens(trx, t.user_id, now());
          // A reset ends every existing session: whoever knew the old password is signed out.
          await deleteSessionsOfUser(trx, t.user_id);
          return totpOn ? null : createSession(trx, { id: t.user_id, role: t.role }, now(), req.ip);
        });
      req.actor = { userId: t.user_id, role: t.role, name: t.name };
      await audit(req, {
        action: t.purpose === 'invite' ? 'auth.invite.accepted' : 'auth.password.reset',
        resource: 'user',
        resourceId: t.user_id,
      });
      if (session) {
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: app.deps.config.secureCookies,
          path: '/',
          expires: new Date(session.expiresAt),
        });
      }
      return { id: t.user_id, email: t.email, name: t.name, role: t.role };
    },
  );
}
