import type { Actor } from '@anagen/core/access';
import type { DeletionRequest } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { insertDeletionRequest, listDeletionRequests } from './account.repository';
import { DELETION_REQUEST_JOB } from './deletion-request.job';

/** The patient's open (unresolved) deletion request, if any. */
export async function findOpenDeletionRequest(
  deps: Pick<AppDeps, 'db'>,
  patientId: string,
): Promise<DeletionRequest | undefined> {
  return (await listDeletionRequests(deps.db.kysely, { openForPatient: patientId }))[0];
}

/**
 * A patient asks the clinic to delete their data. One open request per patient: asking again
 * neither duplicates it nor emails the clinic twice (answers the open one with 200). The request
 * and the job that tells the clinic commit together. `id` is the one the route's audit entry named.
 */
export async function requestDeletion(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { patientId: string; id: string; reason: string | null },
): Promise<{ status: 200 | 201; body: DeletionRequest }> {
  const { db, clock } = deps;
  const open = await findOpenDeletionRequest(deps, input.patientId);
  if (open) return { status: 200, body: open };
  const { id } = input;
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await insertDeletionRequest(trx, {
      id,
      patientId: input.patientId,
      requestedBy: actor.userId,
      reason: input.reason,
      now,
    });
    await enqueueJob(
      trx,
      {
        kind: DELETION_REQUEST_JOB,
        payload: { requestId: id },
        runAt: now,
        uniqueKey: `deletion-request:${id}`,
      },
      now,
    );
  });
  const [saved] = await listDeletionRequests(db.kysely, { id });
  return { status: 201, body: saved! };
}
