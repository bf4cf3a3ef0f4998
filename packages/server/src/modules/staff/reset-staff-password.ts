import type { StaffMember } from '@anagen/core/contracts';
import { AppError } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import type { StaffMailDeps } from './invite-staff';
import { issueUserToken } from './staff.repository';
import { sendPasswordLink } from './staff-mail';
import { staffMemberOrThrow } from './staff-member';

/** Mails a one-time set-password link: a fresh invitation if none was accepted yet. */
export async function resetStaffPassword(
  deps: StaffMailDeps,
  by: AuditActor,
  input: { id: string },
): Promise<{ member: StaffMember; emailSent: boolean }> {
  const db = deps.db.kysely;
  const m = await staffMemberOrThrow(db, input.id);
  if (!m.active) throw new AppError('CONFLICT', 'Reactivate this account before resetting its password.');
  const purpose = m.invitePending ? 'invite' : 'reset';
  const link = await db.transaction().execute(async (trx) => {
    await auditChange(by, trx, `staff.${purpose === 'invite' ? 'reinvite' : 'reset-password'}`, 'user', m.id);
    return issueUserToken(trx, m.id, purpose, deps.clock.now());
  });
  return {
    member: m,
    emailSent: await sendPasswordLink({ deps, log: deps.log }, m, purpose, link.token, link.expiresAt),
  };
}
