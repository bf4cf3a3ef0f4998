import { changePasswordRequestSchema } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../audit/audit.service';
import { recordLoginFailure } from '../users/users.repository';
import { accountWait } from './auth.service';
import { accountRetryAt } from './login-throttle';
import { hashPassword, verifyPassword } from './password';

/**
 * Any signed-in user changes their own password. A wrong current password counts toward the same
 * account lock as a failed sign-in, so a stolen session cannot be used to guess the password.
 * Every other session of the user ends: whoever else holds one must sign in with the new password.
 */
export async function changePasswordRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/auth/change-password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        description: 'Change your own password; ends your other sessions',
        body: changePasswordRequestSchema,
        response: { 200: z.object({ otherSessionsEnded: z.number().int() }) },
      },
    },
    async (req) => {
      const { db, clock, config } = app.deps;
      const now = clock.now();
      const userId = req.actor!.userId;
      const user = await findPasswordState(db.kysely, userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      if (config.rateLimits && user.locked_until && Number(user.locked_until) > now) {
        await audit(req, { action: 'auth.password.locked', resource: 'user', resourceId: userId });
        throw accountWait(Number(user.locked_until) - now);
      }
      const ok = user.password_hash
        ? await verifyPassword(user.password_hash, req.body.currentPassword)
        : false;
      if (!ok) {
        const failures = user.failed_logins + 1;
        const retryAt = config.rateLimits ? accountRetryAt(failures, now) : null;
        await recordLoginFailure(db.kysely, userId, failures, retryAt);
        await audit(req, { action: 'auth.password.change-failure', resource: 'user', resourceId: userId });
        const message = 'Your current password is not correct.';
        throw new AppError('CURRENT_PASSWORD_WRONG', message, {
          errors: [{ path: 'body.currentPassword', message }],
        });
      }
      if (req.body.newPassword === req.body.currentPassword) {
        const message = 'Choose a password different from your current one.';
        throw new AppError('VALIDATION_FAILED', message, { errors: [{ path: 'body.newPassword', message }] });
      }
      const passwordHash = await hashPassword(req.body.newPassword);
      const ended = await db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
          .where('id', '=', userId)
          .execute();
        let del = trx.deleteFrom('sessions').where('user_id', '=', userId);
        if (req.sessionId) del = del.where('id', '!=', req.sessionId);
        const res = await del.executeTakeFirst();
        return Number(res.numDeletedRows);
      });
      await audit(req, {
        action: 'auth.password.changed',
        resource: 'user',
        resourceId: userId,
        detail: `${ended} other sessions ended`,
      });
      return { otherSessionsEnded: ended };
    },
  );
}

async function findPasswordState(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'failed_logins', 'locked_until'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
}
