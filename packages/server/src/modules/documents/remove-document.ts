import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { recordAudit } from '../audit/audit.service';
import { type DocumentRow, deleteDocument } from './documents.repository';

/**
 * Removes a document (the row the route's patient scope resolved): the row and its audit entry go
 * together; the stored file is deleted only once that has committed.
 */
export async function removeDocument(
  deps: Pick<AppDeps, 'db' | 'clock' | 'storage'>,
  actor: Actor | null,
  input: { row: DocumentRow; reason: string; ip: string },
): Promise<void> {
  const { row } = input;
  await deps.db.kysely.transaction().execute(async (trx) => {
    await deleteDocument(trx, row.id);
    await recordAudit(
      trx,
      { actor, at: deps.clock.now(), ip: input.ip },
      {
        action: 'document.remove',
        resource: 'document',
        resourceId: row.id,
        patientId: row.patient_id,
        detail: `${row.title}: ${input.reason}`,
      },
    );
  });
  await deps.storage.delete(row.file_key);
}
