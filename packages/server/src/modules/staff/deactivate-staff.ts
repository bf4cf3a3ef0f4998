import type { StaffMember } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import type { AuditActor } from '../audit/audit.service';
import { deleteSessionsOfUser } from '../auth/sessions.repository';
import { auditChange } from '../clinic/admin-audit';
import { deactivateProvider } from '../providers/providers.repository';
import { revokeUserTokens, updateStaffUser } from './staff.repository';
import { assertNotSelf, staffMemberOrThrow } from './staff-member';

/** Ends the person's sessions at once and blocks sign-in; their history stays. */
export async function deactivateStaff(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  by: AuditActor,
  input: { id: string },
): Promise<StaffMember> {
  const db = deps.db.kysely;
  const m = await staffMemberOrThrow(db, input.id);
  assertNotSelf(by.actor?.userId, m.id, 'deactivate');
  await db.transaction().execute(async (trx) => {
    await updateStaffUser(trx, m.id, { active: 0 });
    await deleteSessionsOfUser(trx, m.id);
    await revokeUserTokens(trx, m.id, deps.clock.now());
    await auditChange(by, trx, 'staff.deactivate', 'user', m.id);
    // Nobody should be booked with a clinician who can no longer sign in; the profile and its
    // history stay, and an admin can make it bookable again on the Schedules page.
    if (m.providerId) {
      await deactivateProvider(trx, m.providerId);
      await auditChange(by, trx, 'provider.deactivate', 'provider', m.providerId, {
        reason: 'staff deactivated',
      });
    }
  });
  return staffMemberOrThrow(db, m.id);
}

export async function reactivateStaff(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: { id: string },
): Promise<StaffMember> {
  const db = deps.db.kysely;
  const m = await staffMemberOrThrow(db, input.id);
  await db.transaction().execute(async (trx) => {
    await updateStaffUser(trx, m.id, { active: 1 });
    await auditChange(by, trx, 'staff.reactivate', 'user', m.id);
  });
  return staffMemberOrThrow(db, m.id);
}
