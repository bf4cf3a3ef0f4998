import type { AdminAppointmentType, appointmentTypeInputSchema } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import { isUniqueViolation } from '../auth/auth.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist, fieldConflict } from '../clinic/references';
import { listAppointmentTypes, saveAppointmentType } from './catalogue.repository';

type TypeInput = z.infer<typeof appointmentTypeInputSchema>;
type Deps = Pick<AppDeps, 'db'>;

async function typeOrThrow(db: Kysely<Database>, id: string): Promise<AdminAppointmentType> {
  const [t] = await listAppointmentTypes(db, id);
  if (!t) throw notFound('Appointment type');
  return t;
}

async function saveAudited(deps: Deps, by: AuditActor, id: string, body: TypeInput, isNew: boolean) {
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await assertExist(trx, 'providers', body.providerIds, 'body.providerIds', 'provider');
      await assertExist(trx, 'resources', body.resourceIds, 'body.resourceIds', 'room or resource');
      await saveAppointmentType(trx, id, body, isNew);
      await auditChange(
        by,
        trx,
        isNew ? 'appointment-type.create' : 'appointment-type.update',
        'appointment-type',
        id,
        body,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw fieldConflict('body.slug', 'Another appointment type already uses this slug');
    throw err;
  }
}

export async function createAppointmentType(
  deps: Deps,
  by: AuditActor,
  input: TypeInput,
): Promise<AdminAppointmentType> {
  const id = newId();
  await saveAudited(deps, by, id, input, true);
  return typeOrThrow(deps.db.kysely, id);
}

export async function updateAppointmentType(
  deps: Deps,
  by: AuditActor,
  input: { id: string; type: TypeInput },
): Promise<AdminAppointmentType> {
  await typeOrThrow(deps.db.kysely, input.id);
  await saveAudited(deps, by, input.id, input.type, false);
  return typeOrThrow(deps.db.kysely, input.id);
}
