import type { Actor } from '@anagen/core/access';
import { AppError, notFound } from '../../errors';
import {
  assertPublicationAccess,
  auditPublication,
  type PublicationsDeps,
  type RequestMeta,
} from './publication-access';
import { findPublication, markWithdrawn } from './publications.repository';

/**
 * The patient or a clinician withdraws a pair (before or after consent). The row flips first, so
 * its public URLs answer 410 from that instant, then the published files are deleted; a failed
 * delete leaves an orphan file nobody can reach (the URL is answered from the row), not a leak.
 */
export async function withdrawPublication(
  deps: PublicationsDeps,
  actor: Actor,
  input: { id: string; reason?: string },
  meta: RequestMeta = {},
): Promise<{ id: string; status: 'withdrawn' }> {
  const row = await findPublication(deps.db, input.id);
  if (!row) throw notFound('Publication');
  // A clinician acts on the clinical record; a patient on their own consent.
  await assertPublicationAccess(
    deps,
    actor,
    row.patient_id,
    {
      scope: actor.role === 'patient' ? 'patient-input' : 'clinical',
      mode: 'write',
      action: 'publication.withdraw',
      resourceId: row.id,
    },
    meta,
  );
  if (row.status === 'withdrawn') throw new AppError('CONFLICT', 'This pair is already withdrawn.');
  const ok = await deps.db.transaction().execute(async (trx) => {
    if (!(await markWithdrawn(trx, row.id, row.status, deps.clock.now(), actor.userId))) return false;
    await auditPublication(
      trx,
      deps,
      actor,
      {
        action: 'publication.withdrawn',
        resourceId: row.id,
        patientId: row.patient_id,
        detail: JSON.stringify({ was: row.status, reason: input.reason ?? null }),
      },
      meta,
    );
    return true;
  });
  if (!ok) throw new AppError('CONFLICT', 'This pair changed meanwhile; reload to see its state.');
  await Promise.all(
    [row.before_key, row.after_key].filter((k) => k !== null).map((k) => deps.storage.delete(k)),
  );
  return { id: row.id, status: 'withdrawn' };
}
