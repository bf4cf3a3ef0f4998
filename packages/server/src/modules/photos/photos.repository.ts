import type { Photo } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PhotoTable, PhotoView } from './photos.table';

/** `patientUserId`: the patient's own account, to tell their uploads from the clinic's. */
export function toPhoto(r: PhotoTable, patientUserId: string | null = null): Photo {
  return {
    id: r.id,
    patientId: r.patient_id,
    view: r.view,
    site: r.site,
    umPerPx: r.um_per_px === null ? null : Number(r.um_per_px),
    takenAt: new Date(Number(r.taken_at)).toISOString(),
    width: r.width,
    height: r.height,
    imageUrl: `/api/photos/${r.id}/image`,
    thumbnailUrl: `/api/photos/${r.id}/thumbnail`,
    uploadedBy: r.uploaded_by !== null && r.uploaded_by === patientUserId ? 'patient' : 'clinic',
    analysisStatus: r.analysis_status,
    analysisError: r.analysis_error,
    createdAt: Number(r.created_at),
  };
}

export async function insertPhoto(db: Kysely<Database>, row: PhotoTable): Promise<void> {
  await db.insertInto('photos').values(row).execute();
}

export async function findPhotoRow(db: Kysely<Database>, id: string): Promise<PhotoTable | undefined> {
  return db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A patient's photos in the order they were taken (oldest first), optionally of one view. */
export async function listPhotoRows(
  db: Kysely<Database>,
  patientId: string,
  view?: PhotoView,
): Promise<PhotoTable[]> {
  let q = db.selectFrom('photos').selectAll().where('patient_id', '=', patientId);
  if (view) q = q.where('view', '=', view);
  return q.orderBy('taken_at').orderBy('created_at').execute();
}

export async function setAnalysisStatus(
  db: Kysely<Database>,
  id: string,
  status: PhotoTable['analysis_status'],
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('photos')
    .set({ analysis_status: status, analysis_error: error })
    .where('id', '=', id)
    .execute();
}

export async function findPatientUserId(db: Kysely<Database>, patientId: string): Promise<string | null> {
  const r = await db.selectFrom('patients').select('user_id').where('id', '=', patientId).executeTakeFirst();
  return r?.user_id ?? null;
}

/**
 * Removes a photo and every measurement of it. Corrections and verifications reference their
 * automatic row, which references the photo: bottom-up (hair lists go with their measurement).
 */
export async function deletePhotoWithMeasurements(db: Kysely<Database>, photoId: string): Promise<void> {
  await db.deleteFrom('measurements').where('photo_id', '=', photoId).where('source', '!=', 'auto').execute();
  await db.deleteFrom('measurements').where('photo_id', '=', photoId).execute();
  await db.deleteFrom('photos').where('id', '=', photoId).execute();
}
