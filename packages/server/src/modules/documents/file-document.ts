import type { Actor } from '@anagen/core/access';
import type { DocumentKind, PatientDocument } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { decodeSlots } from '../../lib/decode-slots';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { documentFile } from './document-file';
import { type DocumentRow, findDocumentRow, insertDocument } from './documents.repository';

export const toDocument = (r: DocumentRow): PatientDocument => ({
  id: r.id,
  patientId: r.patient_id,
  title: r.title,
  kind: r.kind as DocumentKind,
  mime: r.mime,
  sizeBytes: Number(r.size_bytes),
  createdAt: new Date(Number(r.created_at)).toISOString(),
  uploadedByName: r.uploaded_by_name ?? null,
  uploadedById: r.uploaded_by ?? null,
  fileUrl: `/api/documents/${encodeURIComponent(r.id)}/file`,
});

/**
 * Files a document in a patient's chart: the file is checked and stripped of metadata, stored, then
 * recorded with its audit entry in one transaction; if that fails the stored file is removed again.
 * (decodeSlots is keyed by the app's own deps object, hence the whole AppDeps.)
 */
export async function fileDocument(
  deps: AppDeps,
  actor: Actor | null,
  input: { patientId: string; title: string; kind: DocumentKind; file: Buffer; ip: string },
): Promise<PatientDocument> {
  const { patientId, file } = input;
  const stored = await decodeSlots(deps).run(() => documentFile(file));
  const id = newId();
  const key = `documents/${patientId}/${id}.${stored.extension}`;
  await deps.storage.put(key, stored.data);
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await insertDocument(trx, {
        id,
        patient_id: patientId,
        title: input.title,
        kind: input.kind,
        file_key: key,
        mime: stored.mime,
        size_bytes: stored.data.length,
        uploaded_by: actor?.userId ?? null,
        created_at: deps.clock.now(),
      });
      await recordAudit(
        trx,
        { actor, at: deps.clock.now(), ip: input.ip },
        { action: 'document.create', resource: 'document', resourceId: id, patientId },
      );
    });
  } catch (err) {
    await deps.storage.delete(key);
    throw err;
  }
  return toDocument((await findDocumentRow(deps.db.kysely, id))!);
}
