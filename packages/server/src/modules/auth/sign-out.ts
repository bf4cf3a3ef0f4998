import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { recordAudit } from '../audit/audit.service';
import { auditBy, type ClientFacts } from './auth-deps';
import { deleteSession } from './sessions.repository';

/** Ends the caller's session; the caller clears the session cookie. */
export async function signOut(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { sessionId: string | null } & ClientFacts,
): Promise<void> {
  if (input.sessionId) await deleteSession(deps.db.kysely, input.sessionId);
  await recordAudit(deps.db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.logout',
    resource: 'user',
    resourceId: actor?.userId,
  });
}
