import type { AdminLocation, LocationInput } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { findClinic } from '../clinic/clinic.repository';
import { findLocation, listLocations, saveLocation } from './locations.repository';
import { assertOpeningCoversProviders } from './opening-hours-check';

type Deps = Pick<AppDeps, 'db'>;

/** A location as the admin screens show it, or 404. */
export async function adminLocationOrThrow(db: Kysely<Database>, id: string): Promise<AdminLocation> {
  const found = (await listLocations(db)).find((l) => l.id === id);
  if (!found) throw notFound('Location');
  return found;
}

export async function createLocation(
  deps: Deps,
  by: AuditActor,
  input: LocationInput,
): Promise<AdminLocation> {
  const db = deps.db.kysely;
  const clinic = await findClinic(db);
  if (!clinic) throw notFound('Clinic');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await saveLocation(trx, id, clinic.id, input, true);
    await auditChange(by, trx, 'location.create', 'location', id, input);
  });
  return adminLocationOrThrow(db, id);
}

/** Opening hours may not shrink below the hours of a provider working there (checked in the same commit). */
export async function updateLocation(
  deps: Deps,
  by: AuditActor,
  input: { id: string; location: LocationInput },
): Promise<AdminLocation> {
  const db = deps.db.kysely;
  const loc = await findLocation(db, input.id);
  if (!loc) throw notFound('Location');
  await db.transaction().execute(async (trx) => {
    await assertOpeningCoversProviders(trx, loc.id, input.location.openingHours);
    await saveLocation(trx, loc.id, '', input.location, false);
    await auditChange(by, trx, 'location.update', 'location', loc.id, input.location);
  });
  return adminLocationOrThrow(db, loc.id);
}
