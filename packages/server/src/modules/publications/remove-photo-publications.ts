import type { Actor } from '@anagen/core/access';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Storage } from '../../lib/storage';
import { auditPublication } from './publication-access';
import { deletePublications, listPublicationsShowingPhoto } from './publications.repository';

/**
 * Removes every pair showing a photo that is being deleted, inside the caller's transaction (the
 * photo's rows would take the pairs with them by cascade, but not their published files, which
 * would then stay in storage with nothing pointing at them). Each removal is audited with what the
 * pair was. Answers the published files' keys: the caller deletes them with
 * `deletePublishedFiles` once its transaction has committed, as a withdrawal does, so a rollback
 * never leaves a published row without its files.
 */
export async function removePhotoPublications(
  trx: Transaction<Database>,
  deps: { clock: { now(): number } },
  actor: Actor,
  input: { photoId: string; ip: string | null },
): Promise<string[]> {
  const pairs = await listPublicationsShowingPhoto(trx, input.photoId);
  await deletePublications(
    trx,
    pairs.map((p) => p.id),
  );
  for (const p of pairs) {
    await auditPublication(
      trx,
      deps,
      actor,
      {
        action: 'publication.removed',
        resourceId: p.id,
        patientId: p.patient_id,
        detail: JSON.stringify({ was: p.status, because: 'photo.deleted', photoId: input.photoId }),
      },
      { ip: input.ip },
    );
  }
  return pairs.flatMap((p) => [p.before_key, p.after_key]).filter((k): k is string => k !== null);
}

/** Deletes published files whose rows are gone; a missing file is not an error. */
export async function deletePublishedFiles(storage: Storage, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => storage.delete(k)));
}
