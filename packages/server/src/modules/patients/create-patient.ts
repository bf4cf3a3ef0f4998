import type { Actor } from '@anagen/core/access';
import type { NewPatient, Patient } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { insertAuditEntry } from '../audit/audit.repository';
import { findPatientById, findPatientIdByEmail, insertPatient } from './patients.repository';

export interface PatientRecordInput {
  name: string;
  email: string;
  phone?: string | null;
  birthDate?: string | null;
  /** The patient's own account, when the record belongs to one (registration, `anagen user add`). */
  userId?: string | null;
  id?: string;
}

/**
 * The one way a patient record comes into being, inside the caller's transaction: registration,
 * `anagen user add`, a guest booking and the front desk all call it, so the stored shape (lower-case
 * email, empty optional fields as null) is decided here once.
 */
export async function addPatientRecord(
  trx: Kysely<Database>,
  input: PatientRecordInput,
  now: number,
): Promise<string> {
  const id = input.id ?? newId();
  await insertPatient(trx, {
    id,
    user_id: input.userId ?? null,
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    phone: input.phone?.trim() || null,
    birth_date: input.birthDate ?? null,
    sex: null,
    created_at: now,
  });
  return id;
}

/**
 * The front desk opens a record for a caller who is not a patient yet, so the call can end in a
 * booking. An email already on a record is refused (409) with a pointer to search, because a
 * second record for one person splits their history; the desk merges duplicates elsewhere.
 */
export async function createPatient(
  deps: { db: Db; clock: Clock },
  actor: Actor & { ip?: string | null },
  input: NewPatient,
): Promise<Patient> {
  const now = deps.clock.now();
  // The clinic's date can be a day behind UTC, never ahead by more than a day.
  const tomorrowUtc = new Date(now + 86_400_000).toISOString().slice(0, 10);
  if (input.birthDate >= tomorrowUtc) {
    throw new AppError('VALIDATION_FAILED', 'The date of birth cannot be in the future.', {
      errors: [{ path: 'body.birthDate', message: 'The date of birth cannot be in the future.' }],
    });
  }
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const existing = await findPatientIdByEmail(trx, input.email);
    if (existing) {
      throw new AppError(
        'CONFLICT',
        'A patient with this email already exists. Search for them by email and book for that record.',
      );
    }
    const created = await addPatientRecord(trx, input, now);
    await insertAuditEntry(trx, {
      at: now,
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'patient.create',
      resource: 'patient',
      resourceId: created,
      patientId: created,
      ip: actor.ip ?? null,
    });
    return created;
  });
  return (await findPatientById(deps.db.kysely, id))!;
}
