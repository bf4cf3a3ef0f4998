import type { StaffMember, UpdateStaff } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { fieldConflict } from '../clinic/references';
import { updateStaffUser } from './staff.repository';
import { assertNotSelf, staffMemberOrThrow } from './staff-member';

export async function updateStaff(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: { id: string; changes: UpdateStaff },
): Promise<StaffMember> {
  const db = deps.db.kysely;
  const { changes } = input;
  const m = await staffMemberOrThrow(db, input.id);
  if (changes.role && changes.role !== m.role) assertNotSelf(by.actor?.userId, m.id, 'change the role of');
  if (m.providerId && changes.role && changes.role !== 'clinician') {
    throw fieldConflict(
      'body.role',
      'This person has a provider profile; unlink it on the Schedules page before changing the role',
    );
  }
  await db.transaction().execute(async (trx) => {
    await updateStaffUser(trx, m.id, changes);
    await auditChange(by, trx, 'staff.update', 'user', m.id, {
      from: { name: m.name, role: m.role },
      to: changes,
    });
  });
  return staffMemberOrThrow(db, m.id);
}
