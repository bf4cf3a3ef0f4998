import { totalInjectedMl } from '@anagen/core/care';
import type { SessionRecord } from '@anagen/core/contracts';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionAddendumTable, TreatmentSessionTable } from './treatment-sessions.table';

type SessionRow = Selectable<TreatmentSessionTable> & {
  provider_name: string | null;
  signer_name: string | null;
};

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('treatment_sessions as s')
    .leftJoin('providers as p', 'p.id', 's.provider_id')
    .leftJoin('users as u', 'u.id', 's.signed_by')
    .selectAll('s')
    .select(['p.name as provider_name', 'u.name as signer_name']);
}

async function addendaFor(db: Kysely<Database>, ids: string[]) {
  if (!ids.length) return new Map<string, SessionRecord['addenda']>();
  const rows = await db
    .selectFrom('session_addenda as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.session_id', 'a.text', 'a.created_by', 'a.created_at', 'u.name as author'])
    .where('a.session_id', 'in', ids)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  const out = new Map<string, SessionRecord['addenda']>();
  for (const r of rows) {
    const list = out.get(r.session_id) ?? [];
    list.push({
      id: r.id,
      text: r.text,
      createdBy: r.created_by,
      createdByName: r.author,
      createdAt: Number(r.created_at),
    });
    out.set(r.session_id, list);
  }
  return out;
}

function toRecord(r: SessionRow, addenda: SessionRecord['addenda']): SessionRecord {
  const map = JSON.parse(r.injection_map_json) as SessionRecord['injectionMap'];
  return {
    id: r.id,
    patientId: r.patient_id,
    planId: r.plan_id,
    appointmentId: r.appointment_id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    treatmentSlug: r.treatment_slug,
    performedAt: Number(r.performed_at),
    products: JSON.parse(r.products_json),
    preparation: r.preparation_json ? JSON.parse(r.preparation_json) : null,
    anaesthesia: r.anaesthesia,
    injectionMap: map,
    totalVolumeMl: totalInjectedMl(map),
    notes: r.notes,
    status: r.status,
    signedAt: r.signed_at === null ? null : Number(r.signed_at),
    signedBy: r.signed_by,
    signedByName: r.signer_name,
    createdAt: Number(r.created_at),
    addenda,
  };
}

/** A patient's session records, most recent first, each with its addenda in order. */
export async function listSessions(db: Kysely<Database>, patientId: string): Promise<SessionRecord[]> {
  const rows = await baseQuery(db)
    .where('s.patient_id', '=', patientId)
    .orderBy('s.performed_at', 'desc')
    .orderBy('s.id')
    .execute();
  const addenda = await addendaFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRecord(r, addenda.get(r.id) ?? []));
}

export async function findSession(db: Kysely<Database>, id: string): Promise<SessionRecord | null> {
  const row = await baseQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toRecord(row, (await addendaFor(db, [id])).get(id) ?? []);
}

export async function insertSession(
  db: Kysely<Database>,
  row: Selectable<TreatmentSessionTable>,
): Promise<void> {
  await db.insertInto('treatment_sessions').values(row).execute();
}

/** Changes a draft; returns false when the record was signed meanwhile (nothing changed then). */
export async function updateDraftSession(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<TreatmentSessionTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('treatment_sessions')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Signs a draft; returns false when it was already signed. */
export async function signSessionRow(
  db: Kysely<Database>,
  id: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('treatment_sessions')
    .set({ status: 'signed', signed_at: now, signed_by: userId, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertAddendum(
  db: Kysely<Database>,
  row: Selectable<SessionAddendumTable>,
): Promise<void> {
  await db.insertInto('session_addenda').values(row).execute();
}

/** Who may be named as a session's provider: the active ones, by name. */
export function listActiveProviders(db: Kysely<Database>) {
  return db
    .selectFrom('providers')
    .select(['id', 'name', 'credentials', 'user_id'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}

export async function providerExists(db: Kysely<Database>, providerId: string): Promise<boolean> {
  const p = await db.selectFrom('providers').select('id').where('id', '=', providerId).executeTakeFirst();
  return p !== undefined;
}

/** The patient an appointment belongs to, or undefined when there is no such appointment. */
export async function findAppointmentPatientId(
  db: Kysely<Database>,
  appointmentId: string,
): Promise<string | undefined> {
  const appt = await db
    .selectFrom('appointments')
    .select('patient_id')
    .where('id', '=', appointmentId)
    .executeTakeFirst();
  return appt?.patient_id;
}
