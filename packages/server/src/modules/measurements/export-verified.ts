import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vocAnnotation } from '@anagen/core/hair-review';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Storage } from '../../lib/storage';
import { insertAuditEntry } from '../audit/audit.repository';
import { findPhotoRow } from '../photos/photos.repository';
import { findHairList, findMeasurementRow, listVerifiedPairs } from './measurements.repository';

/**
 * An export's name for a verified image: a hash of the measurement id, so file names are stable
 * across exports but say nothing about the patient and cannot be looked up without the database.
 */
const exportId = (verifiedId: string) =>
  `v${createHash('sha256').update(`anagen-verified:${verifiedId}`).digest('hex').slice(0, 16)}`;

/**
 * Writes every clinician-verified trichoscopy image (the latest verification of each) into `dir` as
 * a VOC-style folder the engine's bench reads (`bench/real-images.ts`): `Images/<id>.<png|jpg>`
 * (the stored, metadata-free file as it is), `Annotations/<id>.xml` (one root→tip vector per hair)
 * and `ImageSets/Main/all.txt`. No names, dates or record ids go in. Each export is audited per
 * patient record read.
 */
export async function exportVerified(
  deps: { db: Kysely<Database>; storage: Storage; clock: { now(): number } },
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ ids: string[] }> {
  const pairs = await listVerifiedPairs(deps.db);
  const latest = new Map<string, (typeof pairs)[number]>();
  for (const p of pairs) {
    const prev = latest.get(p.autoId);
    if (!prev || p.verifiedAt >= prev.verifiedAt) latest.set(p.autoId, p);
  }
  await mkdir(join(dir, 'Images'), { recursive: true });
  await mkdir(join(dir, 'Annotations'), { recursive: true });
  await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true });
  const ids: string[] = [];
  const list = [...latest.values()];
  for (const [i, p] of list.entries()) {
    const m = await findMeasurementRow(deps.db, p.verifiedId);
    const photo = p.photoId ? await findPhotoRow(deps.db, p.photoId) : undefined;
    const hairs = await findHairList(deps.db, p.verifiedId);
    const image = photo ? await deps.storage.get(photo.image_key) : null;
    if (!m || !photo?.um_per_px || !hairs || !image) continue;
    const id = exportId(p.verifiedId);
    const filename = `${id}.${photo.mime === 'image/png' ? 'png' : 'jpg'}`;
    await writeFile(join(dir, 'Images', filename), image);
    await writeFile(
      join(dir, 'Annotations', `${id}.xml`),
      vocAnnotation({
        filename,
        width: Number(photo.width),
        height: Number(photo.height),
        umPerPx: Number(photo.um_per_px),
        hairs: hairs.hairs,
      }),
    );
    await insertAuditEntry(deps.db, {
      at: deps.clock.now(),
      actorId: null,
      actorRole: 'cli',
      action: 'measurement.verified.export',
      resource: 'measurement',
      resourceId: p.verifiedId,
      patientId: m.patient_id,
      ip: null,
    });
    ids.push(id);
    onProgress?.(i + 1, list.length);
  }
  await writeFile(join(dir, 'ImageSets', 'Main', 'all.txt'), ids.map((id) => `${id}\n`).join(''));
  return { ids };
}
