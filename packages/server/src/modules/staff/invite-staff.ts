import type { InviteStaff, StaffMember } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import type { WarnLog } from '../auth/account-mail';
import { isUniqueViolation } from '../auth/auth.service';
import { auditChange } from '../clinic/admin-audit';
import { insertUser } from '../users/users.repository';
import { issueUserToken } from './staff.repository';
import { sendPasswordLink } from './staff-mail';
import { staffMemberOrThrow } from './staff-member';

export type StaffMailDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'mailer'> & { log: WarnLog };

/** Creates a staff account without a password and mails its one-time invitation link. */
export async function inviteStaff(
  deps: StaffMailDeps,
  by: AuditActor,
  input: InviteStaff,
): Promise<{ member: StaffMember; emailSent: boolean }> {
  const db = deps.db.kysely;
  const now = () => deps.clock.now();
  const id = newId();
  let link: { token: string; expiresAt: number };
  try {
    link = await db.transaction().execute(async (trx) => {
      await insertUser(trx, { ...input, id, passwordHash: null, now: now() });
      await auditChange(by, trx, 'staff.invite', 'user', id, { email: input.email, role: input.role });
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
  const emailSent = await sendPasswordLink(
    { deps, log: deps.log },
    input,
    'invite',
    link.token,
    link.expiresAt,
  );
  return { member: await staffMemberOrThrow(db, id), emailSent };
}
