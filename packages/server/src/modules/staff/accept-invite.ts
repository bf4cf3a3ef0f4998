import type { Actor } from '@anagen/core/access';
import type { AcceptInvite, Me } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { createSession, deleteSessionsOfUser } from '../auth/sessions.repository';
import { findTotpState } from '../users/users.repository';
import { consumeToken, findUsableToken, revokeUserTokens, setUserPassword } from './staff.repository';

/**
 * Sets a password from a one-time invitation or reset link. The answer names who is now signed in
 * (`actor`) and the session to hand out, or none when two-step sign-in still asks for a code.
 */
export async function acceptInvite(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: AcceptInvite & { ip: string },
): Promise<{ me: Me; actor: Actor; session: { token: string; expiresAt: number } | null }> {
  const db = deps.db.kysely;
  const now = () => deps.clock.now();
  const t = await findUsableToken(db, input.token, now());
  const invalid = () =>
    new AppError(
      'UNPROCESSABLE',
      'This link has expired or was already used. Ask an administrator for a new one.',
    );
  if (!t) throw invalid();
  const passwordHash = await hashPassword(input.password);
  // With two-step sign-in on, a mailed link must not stand in for the second step: the password
  // is set, but the person signs in with their code as usual (issue 17).
  const totpOn = Boolean((await findTotpState(db, t.user_id))?.totp_enabled);
  const session = await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, t.id, now()))) throw invalid();
    await setUserPassword(trx, t.user_id, passwordHash);
    await revokeUserTokens(trx, t.user_id, now());
    // A reset ends every existing session: whoever knew the old password is signed out.
    await deleteSessionsOfUser(trx, t.user_id);
    return totpOn ? null : createSession(trx, { id: t.user_id, role: t.role }, now(), input.ip);
  });
  const actor: Actor = { userId: t.user_id, role: t.role, name: t.name };
  await recordAudit(
    db,
    { actor, at: now(), ip: input.ip },
    {
      action: t.purpose === 'invite' ? 'auth.invite.accepted' : 'auth.password.reset',
      resource: 'user',
      resourceId: t.user_id,
    },
  );
  return { me: { id: t.user_id, email: t.email, name: t.name, role: t.role }, actor, session };
}
