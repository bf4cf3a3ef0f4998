import type { AdminResource, resourceInputSchema } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist } from '../clinic/references';
import { listResources, saveResource } from './catalogue.repository';

type ResourceInput = z.infer<typeof resourceInputSchema>;
type Deps = Pick<AppDeps, 'db'>;

async function findResourceOrThrow(db: Kysely<Database>, id: string): Promise<AdminResource> {
  const found = (await listResources(db)).find((x) => x.id === id);
  if (!found) throw notFound('Room or resource');
  return found;
}

async function saveAudited(deps: Deps, by: AuditActor, id: string, body: ResourceInput, isNew: boolean) {
  await deps.db.kysely.transaction().execute(async (trx) => {
    await assertExist(trx, 'locations', [body.locationId], 'body.locationId', 'location');
    await saveResource(trx, id, body, isNew);
    await auditChange(by, trx, isNew ? 'resource.create' : 'resource.update', 'resource', id, body);
  });
}

export async function createResource(
  deps: Deps,
  by: AuditActor,
  input: ResourceInput,
): Promise<AdminResource> {
  const id = newId();
  await saveAudited(deps, by, id, input, true);
  return findResourceOrThrow(deps.db.kysely, id);
}

export async function updateResource(
  deps: Deps,
  by: AuditActor,
  input: { id: string; resource: ResourceInput },
): Promise<AdminResource> {
  await findResourceOrThrow(deps.db.kysely, input.id);
  await saveAudited(deps, by, input.id, input.resource, false);
  return findResourceOrThrow(deps.db.kysely, input.id);
}
