import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { ChecklistItemTable } from './preparation.table';

export interface AppointmentForPrep {
  id: string;
  patient_id: string;
  start_at: number;
  status: string;
  type_name: string;
  treatment_slug: string | null;
  time_zone: string;
  location_name: string;
  location_address: string | null;
}

function appointmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('appointment_types as t', 't.id', 'a.type_id')
    .innerJoin('locations as l', 'l.id', 'a.location_id')
    .select([
      'a.id',
      'a.patient_id',
      'a.start_at',
      'a.status',
      't.name as type_name',
      't.treatment_slug',
      'l.time_zone',
      'l.name as location_name',
      'l.address as location_address',
    ]);
}

export async function findAppointmentForPrep(
  db: Kysely<Database>,
  id: string,
): Promise<AppointmentForPrep | null> {
  const row = await appointmentQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? { ...row, start_at: Number(row.start_at) } : null;
}

/** A patient's live treatment appointments that have not started yet, soonest first. */
export async function upcomingTreatmentAppointments(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<AppointmentForPrep[]> {
  const rows = await appointmentQuery(db)
    .where('a.patient_id', '=', patientId)
    .where('a.status', 'in', ['booked', 'checked-in'])
    .where('a.start_at', '>', now)
    .where('t.treatment_slug', 'is not', null)
    .orderBy('a.start_at')
    .execute();
  return rows.map((r) => ({ ...r, start_at: Number(r.start_at) }));
}

export async function itemsForAppointments(
  db: Kysely<Database>,
  appointmentIds: string[],
): Promise<Selectable<ChecklistItemTable>[]> {
  if (!appointmentIds.length) return [];
  return db
    .selectFrom('checklist_items')
    .selectAll()
    .where('appointment_id', 'in', appointmentIds)
    .orderBy('due_at')
    .orderBy('item_key')
    .execute();
}

export async function upsertItem(db: Kysely<Database>, row: Selectable<ChecklistItemTable>): Promise<void> {
  await db
    .insertInto('checklist_items')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['appointment_id', 'item_key']).doUpdateSet({
        text: row.text,
        due_at: row.due_at,
        template_id: row.template_id,
      }),
    )
    .execute();
}

export async function findItem(db: Kysely<Database>, id: string) {
  return db.selectFrom('checklist_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setTicked(db: Kysely<Database>, id: string, tickedAt: number | null): Promise<void> {
  await db.updateTable('checklist_items').set({ ticked_at: tickedAt }).where('id', '=', id).execute();
}

/** Sessions of the patient performed since `since` that carry post-care instructions, newest first. */
export function listPostCareSince(db: Kysely<Database>, patientId: string, since: number) {
  return db
    .selectFrom('treatment_sessions as s')
    .innerJoin('care_templates as t', 't.id', 's.post_care_template_id')
    .select(['s.id', 's.performed_at', 's.treatment_slug', 't.title', 't.body'])
    .where('s.patient_id', '=', patientId)
    .where('s.performed_at', '>=', since)
    .orderBy('s.performed_at', 'desc')
    .execute();
}

/** Where a reminder goes: the patient's name and address. */
export function patientEmail(db: Kysely<Database>, id: string) {
  return db.selectFrom('patients').select(['name', 'email']).where('id', '=', id).executeTakeFirst();
}

export function findSessionPostCare(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('treatment_sessions')
    .select(['patient_id', 'post_care_template_id'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
}
