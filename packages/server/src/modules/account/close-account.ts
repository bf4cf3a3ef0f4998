import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { recordAudit } from '../audit/audit.service';
import { deactivateUser } from './account.repository';

/** Closes the patient's portal account now (sign-in off, sessions ended); the clinical record is kept. */
export async function closeAccount(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { patientId: string; ip: string },
): Promise<void> {
  const ended = await deactivateUser(deps.db.kysely, actor.userId);
  await recordAudit(
    deps.db.kysely,
    { actor, at: deps.clock.now(), ip: input.ip },
    {
      action: 'auth.account.deactivated',
      resource: 'user',
      resourceId: actor.userId,
      patientId: input.patientId,
      detail: `${ended} sessions ended; patient record kept`,
    },
  );
}
