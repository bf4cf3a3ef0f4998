import type { Actor } from '@anagen/core/access';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { deletePublishedFiles, removePhotoPublications } from '../publications/remove-photo-publications';
import { deletePhotoWithMeasurements } from './photos.repository';
import type { PhotoTable } from './photos.table';

export const photoDeletionSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

/**
 * Removes a photo filed by mistake (wrong patient, wrong view, unusable) with its files and
 * measurements. Clinicians may remove any photo they can write to (the route's patient scope checked
 * that and resolved `row`); a patient only a photo they uploaded themselves. The removal and its
 * reason stay in the audit log.
 */
export async function deletePhoto(
  deps: Pick<AppDeps, 'db' | 'clock' | 'storage'>,
  actor: Actor,
  input: { row: PhotoTable; reason: string; ip: string },
): Promise<void> {
  const { row } = input;
  if (actor.role === 'patient' && row.uploaded_by !== actor.userId) {
    throw new AppError(
      'FORBIDDEN',
      'You can remove photos you uploaded yourself; ask the clinic about this one.',
    );
  }
  const publishedFiles = await deps.db.kysely.transaction().execute(async (trx) => {
    // Pairs showing the photo go with it, and their public files after the commit (decision 230).
    const files = await removePhotoPublications(trx, deps, actor, { photoId: row.id, ip: input.ip });
    await deletePhotoWithMeasurements(trx, row.id);
    await recordAudit(
      trx,
      { actor, at: deps.clock.now(), ip: input.ip },
      {
        action: 'photo.deleted',
        resource: 'photo',
        resourceId: row.id,
        patientId: row.patient_id,
        detail: `${row.view}${row.site ? ` ${row.site}` : ''} taken ${new Date(Number(row.taken_at)).toISOString().slice(0, 10)}: ${input.reason}`,
      },
    );
    return files;
  });
  // Files go after the rows: a crash in between leaves unreferenced files, never a broken photo
  // (`anagen prune-published` clears published ones left that way).
  await Promise.all([row.image_key, row.thumb_key, row.original_key].map((k) => deps.storage.delete(k)));
  await deletePublishedFiles(deps.storage, publishedFiles);
}
