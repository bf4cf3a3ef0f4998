import type { StaffMember } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findStaff } from './staff.repository';

export async function staffMemberOrThrow(db: Kysely<Database>, id: string): Promise<StaffMember> {
  const m = await findStaff(db, id);
  if (!m) throw notFound('Staff member');
  return m;
}

/** Guards against an admin locking everyone out by demoting or deactivating themself. */
export function assertNotSelf(actorId: string | undefined, id: string, what: string): void {
  if (actorId === id)
    throw new AppError('CONFLICT', `You cannot ${what} your own account; ask another admin.`);
}
