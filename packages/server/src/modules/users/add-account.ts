import type { Role } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { addPatientRecord } from '../patients/create-patient';
import { insertUser } from './users.repository';

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  /** False only for self-registration: the CLI and staff create accounts for someone they trust. */
  emailVerified?: boolean;
  id?: string;
  /** The patient record's id, for a patient account (new when absent). */
  patientId?: string;
}

/**
 * Creates an account inside the caller's transaction; a patient account gets its own patient
 * record with it. Registration and `anagen user add` both come through here, so a patient account
 * has the same shape whichever way it was made. A taken email throws the database's unique
 * violation (see isUniqueViolation).
 */
export async function addAccount(
  trx: Kysely<Database>,
  input: NewAccount,
  now: number,
): Promise<{ userId: string; patientId: string | null }> {
  const userId = input.id ?? newId();
  await insertUser(trx, {
    id: userId,
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: input.passwordHash,
    now,
    ...(input.emailVerified === undefined ? {} : { emailVerified: input.emailVerified }),
  });
  const patientId =
    input.role === 'patient'
      ? await addPatientRecord(
          trx,
          {
            ...(input.patientId ? { id: input.patientId } : {}),
            userId,
            name: input.name,
            email: input.email,
          },
          now,
        )
      : null;
  return { userId, patientId };
}
