import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import type { AuditActor } from '../audit/audit.service';
import type { WarnLog } from './account-mail';

/**
 * What the account use cases need: the app's deps plus a logger for mail that could not be sent
 * (a failed account mail is logged, never thrown, see account-mail.ts).
 */
export type AuthDeps = AppDeps & { log: WarnLog };

/** The request facts an account use case reads: the client address (sign-in limits, audit, session). */
export interface ClientFacts {
  ip: string;
}

/** Who an audit entry names for this call, stamped with the clock's now when it is written. */
export function auditBy(
  deps: Pick<AppDeps, 'clock'>,
  actor: Actor | null,
  ip: string | null,
): () => AuditActor {
  return () => ({ actor, at: deps.clock.now(), ip });
}
