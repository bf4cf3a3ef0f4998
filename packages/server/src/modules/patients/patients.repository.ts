import type { Patient } from '@anagen/core/contracts';
import type { Insertable, Kysely } from 'kysely';
import type { Database, PatientTable } from '../../db/schema';

const COLUMNS = ['id', 'name', 'email', 'phone', 'birth_date', 'sex', 'user_id', 'created_at'] as const;

function toPatient(r: {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  birth_date: string | null;
  sex: string | null;
  user_id: string | null;
  created_at: number;
}): Patient {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    birthDate: r.birth_date,
    sex: r.sex,
    hasAccount: r.user_id !== null,
    createdAt: Number(r.created_at),
  };
}

export async function findPatientById(db: Kysely<Database>, id: string): Promise<Patient | undefined> {
  const row = await db.selectFrom('patients').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toPatient(row);
}

/** Whether a patient record with this id exists (access checks answer 404 when it does not). */
export async function patientExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('patients').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Case-insensitive match on name or email; newest first when there is no query. */
export async function searchPatients(
  db: Kysely<Database>,
  q: string | undefined,
  limit: number,
): Promise<Patient[]> {
  let query = db.selectFrom('patients').select(COLUMNS);
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['email']), 'like', like)]),
    );
  }
  const rows = await query.orderBy('name').limit(limit).execute();
  return rows.map(toPatient);
}

export async function insertPatient(trx: Kysely<Database>, row: Insertable<PatientTable>): Promise<void> {
  await trx.insertInto('patients').values(row).execute();
}

export async function findPatientIdByEmail(db: Kysely<Database>, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('patients')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
