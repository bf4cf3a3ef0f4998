import type { Actor } from '@anagen/core/access';
import type { DeletionRequest, ResolveDeletionRequest } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { listDeletionRequests, resolveDeletionRequest as saveResolution } from './account.repository';

/** Every deletion request for the admin's review list; the reading is audited. */
export async function listAllDeletionRequests(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { ip: string },
): Promise<DeletionRequest[]> {
  const list = await listDeletionRequests(deps.db.kysely);
  await recordAudit(
    deps.db.kysely,
    { actor, at: deps.clock.now(), ip: input.ip },
    { action: 'deletion-request.list', resource: 'deletion-request', detail: `${list.length} requests` },
  );
  return list;
}

/** Records the clinic's decision on a deletion request; a request is resolved once (409 after). */
export async function resolveDeletionRequest(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { id: string; resolution: ResolveDeletionRequest; ip: string },
): Promise<DeletionRequest> {
  const db = deps.db.kysely;
  const [existing] = await listDeletionRequests(db, { id: input.id });
  if (!existing) throw notFound('Deletion request');
  const done = await saveResolution(db, existing.id, {
    by: actor.userId,
    note: input.resolution.note,
    now: deps.clock.now(),
  });
  if (!done) throw new AppError('CONFLICT', 'This request has already been resolved.');
  await recordAudit(
    db,
    { actor, at: deps.clock.now(), ip: input.ip },
    {
      action: 'deletion-request.resolve',
      resource: 'deletion-request',
      resourceId: existing.id,
      patientId: existing.patientId,
    },
  );
  const [saved] = await listDeletionRequests(db, { id: existing.id });
  return saved!;
}
