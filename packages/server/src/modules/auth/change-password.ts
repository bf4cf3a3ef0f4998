import type { Actor } from '@anagen/core/access';
import type { ChangePasswordRequest } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { findPasswordState, setPasswordHash } from '../users/users.repository';
import { accountWait, recordAccountFailure } from './auth.service';
import { auditBy, type ClientFacts } from './auth-deps';
import { hashPassword, verifyPassword } from './password';
import { deleteOtherSessionsOfUser } from './sessions.repository';

export interface ChangePasswordInput extends ChangePasswordRequest, ClientFacts {
  /** The caller's own session, which stays signed in. */
  sessionId: string | null;
}

/**
 * Any signed-in user changes their own password. A wrong current password counts toward the same
 * account lock as a failed sign-in, so a stolen session cannot be used to guess the password.
 * Every other session of the user ends: whoever else holds one must sign in with the new password.
 */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: ChangePasswordInput,
): Promise<{ otherSessionsEnded: number }> {
  const { db, clock, config } = deps;
  const by = auditBy(deps, actor, input.ip);
  const now = clock.now();
  const userId = actor.userId;
  const user = await findPasswordState(db.kysely, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
  if (config.rateLimits && user.locked_until && Number(user.locked_until) > now) {
    await recordAudit(db.kysely, by(), {
      action: 'auth.password.locked',
      resource: 'user',
      resourceId: userId,
    });
    throw accountWait(Number(user.locked_until) - now);
  }
  const ok = user.password_hash ? await verifyPassword(user.password_hash, input.currentPassword) : false;
  if (!ok) {
    await recordAccountFailure(db.kysely, config, { id: userId, failed_logins: user.failed_logins }, now);
    await recordAudit(db.kysely, by(), {
      action: 'auth.password.change-failure',
      resource: 'user',
      resourceId: userId,
    });
    const message = 'Your current password is not correct.';
    throw new AppError('CURRENT_PASSWORD_WRONG', message, {
      errors: [{ path: 'body.currentPassword', message }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    const message = 'Choose a password different from your current one.';
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ path: 'body.newPassword', message }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.kysely.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash);
    return deleteOtherSessionsOfUser(trx, userId, input.sessionId);
  });
  await recordAudit(db.kysely, by(), {
    action: 'auth.password.changed',
    resource: 'user',
    resourceId: userId,
    detail: `${ended} other sessions ended`,
  });
  return { otherSessionsEnded: ended };
}
