import type { DeletionRequest } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function insertDeletionRequest(
  db: Kysely<Database>,
  r: { id: string; patientId: string; requestedBy: string; reason: string | null; now: number },
): Promise<void> {
  await db
    .insertInto('deletion_requests')
    .values({
      id: r.id,
      patient_id: r.patientId,
      requested_by: r.requestedBy,
      reason: r.reason,
      created_at: r.now,
      clinic_notified_at: null,
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
    })
    .execute();
}

/** Newest first; `filter` narrows to one request, one patient's requests or their open one. */
export async function listDeletionRequests(
  db: Kysely<Database>,
  filter: { id?: string; patientId?: string; openForPatient?: string } = {},
  limit = 200,
): Promise<DeletionRequest[]> {
  let q = db
    .selectFrom('deletion_requests')
    .innerJoin('patients', 'patients.id', 'deletion_requests.patient_id')
    .select([
      'deletion_requests.id',
      'deletion_requests.patient_id',
      'deletion_requests.reason',
      'deletion_requests.status',
      'deletion_requests.created_at',
      'deletion_requests.clinic_notified_at',
      'deletion_requests.resolved_at',
      'deletion_requests.resolution_note',
      'patients.name',
      'patients.email',
    ])
    .orderBy('deletion_requests.created_at', 'desc')
    .orderBy('deletion_requests.id')
    .limit(limit);
  if (filter.id) q = q.where('deletion_requests.id', '=', filter.id);
  if (filter.patientId) q = q.where('deletion_requests.patient_id', '=', filter.patientId);
  if (filter.openForPatient) {
    q = q
      .where('deletion_requests.patient_id', '=', filter.openForPatient)
      .where('deletion_requests.status', '=', 'open');
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientName: r.name,
    patientEmail: r.email,
    reason: r.reason,
    status: r.status,
    createdAt: Number(r.created_at),
    clinicNotifiedAt: r.clinic_notified_at === null ? null : Number(r.clinic_notified_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    resolutionNote: r.resolution_note,
  }));
}

export async function findDeletionRequest(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('deletion_requests')
    .select(['id', 'created_at', 'clinic_notified_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records the clinic's decision once; false if the request is missing or already resolved. */
export async function resolveDeletionRequest(
  db: Kysely<Database>,
  id: string,
  r: { by: string; note: string; now: number },
): Promise<boolean> {
  const res = await db
    .updateTable('deletion_requests')
    .set({ status: 'resolved', resolved_at: r.now, resolved_by: r.by, resolution_note: r.note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markClinicNotified(db: Kysely<Database>, id: string, at: number): Promise<void> {
  await db.updateTable('deletion_requests').set({ clinic_notified_at: at }).where('id', '=', id).execute();
}

/** Turns the patient's sign-in off and ends every session; the patient record itself stays. */
export async function deactivateUser(db: Kysely<Database>, userId: string): Promise<number> {
  await db.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
  const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}
