import type { AdminProvider, providerInputSchema } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import { isUniqueViolation } from '../auth/auth.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist, fieldConflict } from '../clinic/references';
import { applyClosuresToProvider } from '../locations/locations.repository';
import { findUserRole } from '../users/users.repository';
import { listProviders, saveProvider } from './providers.repository';

type ProviderBody = z.infer<typeof providerInputSchema>;
type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Closures are stored as local dates; starting a day early covers every zone's "today". */
export const closuresFrom = (now: number): string => new Date(now - 86_400_000).toISOString().slice(0, 10);

/** A provider as the admin screens show it, or 404. */
export async function providerOrThrow(db: Kysely<Database>, id: string): Promise<AdminProvider> {
  const [p] = await listProviders(db, id);
  if (!p) throw notFound('Provider');
  return p;
}

async function checkRefs(trx: Kysely<Database>, body: ProviderBody) {
  await assertExist(trx, 'locations', [body.locationId], 'body.locationId', 'location');
  await assertExist(
    trx,
    'appointment_types',
    body.appointmentTypeIds ?? [],
    'body.appointmentTypeIds',
    'appointment type',
  );
  if (body.userId) {
    if ((await findUserRole(trx, body.userId)) !== 'clinician') {
      throw new AppError(
        'VALIDATION_FAILED',
        'A provider profile can only be linked to a clinician account.',
        {
          errors: [{ path: 'body.userId', message: 'Choose a clinician account' }],
        },
      );
    }
  }
}

async function saveAudited(deps: Deps, by: AuditActor, id: string, body: ProviderBody, isNew: boolean) {
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await checkRefs(trx, body);
      await saveProvider(trx, id, body, isNew);
      await applyClosuresToProvider(trx, id, closuresFrom(deps.clock.now()));
      await auditChange(by, trx, isNew ? 'provider.create' : 'provider.update', 'provider', id, body);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw fieldConflict('body.userId', 'This clinician account already has a provider profile');
    }
    throw err;
  }
}

export async function createProvider(
  deps: Deps,
  by: AuditActor,
  input: ProviderBody,
): Promise<AdminProvider> {
  const id = newId();
  await saveAudited(deps, by, id, input, true);
  return providerOrThrow(deps.db.kysely, id);
}

export async function updateProvider(
  deps: Deps,
  by: AuditActor,
  input: { id: string; provider: ProviderBody },
): Promise<AdminProvider> {
  await providerOrThrow(deps.db.kysely, input.id);
  await saveAudited(deps, by, input.id, input.provider, false);
  return providerOrThrow(deps.db.kysely, input.id);
}
