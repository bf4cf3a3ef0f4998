import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { PhotoTable } from '../photos/photos.table';
import type { PublicationStatus, PublicationTable } from './publications.table';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertPublication(db: Db, row: PublicationTable): Promise<void> {
  await db.insertInto('publications').values(row).execute();
}

export async function findPublication(db: Db, id: string): Promise<PublicationTable | undefined> {
  return db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPatientPublications(db: Db, patientId: string): Promise<PublicationTable[]> {
  return db
    .selectFrom('publications')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('proposed_at', 'desc')
    .execute();
}

/** Clinic-wide list for the staff screen, newest first. */
export async function listAllPublications(db: Db, limit = 200): Promise<PublicationTable[]> {
  return db.selectFrom('publications').selectAll().orderBy('proposed_at', 'desc').limit(limit).execute();
}

/** What the public may see: published pairs only, newest consent first. */
export async function listPublishedPublications(db: Db, treatment?: string): Promise<PublicationTable[]> {
  let q = db.selectFrom('publications').selectAll().where('status', '=', 'published');
  if (treatment) q = q.where('treatment_slug', '=', treatment);
  return q.orderBy('consented_at', 'desc').orderBy('id').execute();
}

export async function listPublishedTreatments(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('publications')
    .select('treatment_slug')
    .distinct()
    .where('status', '=', 'published')
    .orderBy('treatment_slug')
    .execute();
  return rows.map((r) => r.treatment_slug);
}

/** A live (not withdrawn) publication of the same two photos, if any. */
export async function findLivePair(
  db: Db,
  beforePhotoId: string,
  afterPhotoId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('publications')
    .select('id')
    .where('before_photo_id', '=', beforePhotoId)
    .where('after_photo_id', '=', afterPhotoId)
    .where('status', '!=', 'withdrawn')
    .executeTakeFirst();
}

/**
 * Marks a pair published with its files, only while it still awaits consent: answers false when
 * another request got there first (consented or withdrawn meanwhile).
 */
export async function markPublished(
  trx: Transaction<Database>,
  id: string,
  set: Pick<
    PublicationTable,
    | 'show_face'
    | 'before_key'
    | 'after_key'
    | 'before_sha256'
    | 'after_sha256'
    | 'verification_json'
    | 'consented_at'
  >,
): Promise<boolean> {
  const res = await trx
    .updateTable('publications')
    .set({ ...set, status: 'published' })
    .where('id', '=', id)
    .where('status', '=', 'awaiting-consent')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Withdraws a live pair and forgets its file keys; false when it was already withdrawn. */
export async function markWithdrawn(
  trx: Transaction<Database>,
  id: string,
  from: PublicationStatus,
  at: number,
  by: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('publications')
    .set({ status: 'withdrawn', withdrawn_at: at, withdrawn_by: by, before_key: null, after_key: null })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findPhotos(db: Db, ids: string[]): Promise<PhotoTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('photos').selectAll().where('id', 'in', ids).execute();
}

/** Signed treatment sessions of a patient, oldest first. */
export async function listSignedSessions(
  db: Db,
  patientId: string,
): Promise<{ treatment_slug: string; performed_at: number }[]> {
  const rows = await db
    .selectFrom('treatment_sessions')
    .select(['treatment_slug', 'performed_at'])
    .where('patient_id', '=', patientId)
    .where('status', '=', 'signed')
    .orderBy('performed_at')
    .execute();
  return rows.map((r) => ({ treatment_slug: r.treatment_slug, performed_at: Number(r.performed_at) }));
}

/** A patient's plans that were followed (active, completed or stopped), oldest first. */
export async function listFollowedPlans(
  db: Db,
  patientId: string,
): Promise<{ id: string; treatment_slug: string; status: string; created_at: number; updated_at: number }[]> {
  const rows = await db
    .selectFrom('treatment_plans')
    .select(['id', 'treatment_slug', 'status', 'created_at', 'updated_at'])
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['active', 'completed', 'stopped'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, created_at: Number(r.created_at), updated_at: Number(r.updated_at) }));
}

export async function findPatientAccount(
  db: Db,
  patientId: string,
): Promise<{ id: string; user_id: string | null } | undefined> {
  return db.selectFrom('patients').select(['id', 'user_id']).where('id', '=', patientId).executeTakeFirst();
}

/** Every pair showing a photo, whatever its status (a photo may sit in several pairs). */
export async function listPublicationsShowingPhoto(
  db: Db,
  photoId: string,
): Promise<Pick<PublicationTable, 'id' | 'patient_id' | 'status' | 'before_key' | 'after_key'>[]> {
  return db
    .selectFrom('publications')
    .select(['id', 'patient_id', 'status', 'before_key', 'after_key'])
    .where((eb) => eb.or([eb('before_photo_id', '=', photoId), eb('after_photo_id', '=', photoId)]))
    .orderBy('id')
    .execute();
}

export async function deletePublications(trx: Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('publications').where('id', 'in', ids).execute();
}

/** The storage keys some publication row still names (the only published files that may exist). */
export async function listReferencedFileKeys(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('publications')
    .select(['before_key', 'after_key'])
    .where((eb) => eb.or([eb('before_key', 'is not', null), eb('after_key', 'is not', null)]))
    .execute();
  return new Set(rows.flatMap((r) => [r.before_key, r.after_key]).filter((k): k is string => k !== null));
}
