import type { AdminProvider, ExceptionInput, ProviderInput, WeeklyHoursInput } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

export async function listProviders(db: Kysely<Database>, id?: string): Promise<AdminProvider[]> {
  let q = db
    .selectFrom('providers')
    .select(['id', 'name', 'credentials', 'bio', 'user_id', 'location_id', 'active', 'photo_key'])
    .orderBy('name');
  if (id) q = q.where('id', '=', id);
  const providers = await q.execute();
  if (providers.length === 0) return [];
  const ids = providers.map((p) => p.id);
  const [types, hours] = await Promise.all([
    db
      .selectFrom('appointment_type_providers')
      .select(['type_id', 'provider_id'])
      .where('provider_id', 'in', ids)
      .orderBy('type_id')
      .execute(),
    db
      .selectFrom('provider_hours')
      .select(['provider_id', 'location_id', 'weekday', 'start_time', 'end_time'])
      .where('provider_id', 'in', ids)
      .orderBy('weekday')
      .orderBy('start_time')
      .execute(),
  ]);
  return providers.map((p) => ({
    id: p.id,
    name: p.name,
    credentials: p.credentials,
    bio: p.bio,
    userId: p.user_id,
    locationId: p.location_id,
    active: p.active === 1,
    photoUrl: providerPhotoUrl(p.id, p.photo_key),
    appointmentTypeIds: types.filter((t) => t.provider_id === p.id).map((t) => t.type_id),
    hours: hours
      .filter((h) => h.provider_id === p.id)
      .map((h) => ({ locationId: h.location_id, weekday: h.weekday, start: h.start_time, end: h.end_time })),
  }));
}

/**
 * The public address of a clinician's portrait, or null. It names the stored version, so a browser
 * may keep it for good; a new upload changes the address.
 */
export function providerPhotoUrl(id: string, key: string | null): string | null {
  if (!key) return null;
  return `/api/providers/${encodeURIComponent(id)}/photo?v=${encodeURIComponent(photoVersion(key))}`;
}

/** The version a portrait's storage key (`providers/<id>-<version>.jpg`) names. */
export const photoVersion = (key: string) => key.slice(key.lastIndexOf('-') + 1, key.lastIndexOf('.'));

export async function providerPhotoKey(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('providers').select('photo_key').where('id', '=', id).executeTakeFirst();
  return row?.photo_key ?? null;
}

/** Inserts or updates a provider and replaces the appointment types they perform. */
export async function saveProvider(
  trx: Kysely<Database>,
  id: string,
  p: ProviderInput & { appointmentTypeIds: string[]; active: boolean },
  isNew: boolean,
): Promise<void> {
  const row = {
    name: p.name,
    credentials: p.credentials ?? null,
    bio: p.bio ?? null,
    user_id: p.userId ?? null,
    location_id: p.locationId,
    active: p.active ? 1 : 0,
  };
  if (isNew)
    await trx
      .insertInto('providers')
      .values({ id, ...row })
      .execute();
  else await trx.updateTable('providers').set(row).where('id', '=', id).execute();
  await trx.deleteFrom('appointment_type_providers').where('provider_id', '=', id).execute();
  for (const typeId of new Set(p.appointmentTypeIds)) {
    await trx.insertInto('appointment_type_providers').values({ type_id: typeId, provider_id: id }).execute();
  }
}

/** Replaces a provider's weekly hours in one go (availability reads them on every request). */
export async function replaceWeeklyHours(
  trx: Kysely<Database>,
  providerId: string,
  hours: WeeklyHoursInput['hours'],
): Promise<void> {
  await trx.deleteFrom('provider_hours').where('provider_id', '=', providerId).execute();
  for (const h of hours) {
    await trx
      .insertInto('provider_hours')
      .values({
        id: newId(),
        provider_id: providerId,
        location_id: h.locationId,
        weekday: h.weekday,
        start_time: h.start,
        end_time: h.end,
      })
      .execute();
  }
}

export async function listExceptions(db: Kysely<Database>, providerId: string, fromDate: string) {
  const rows = await db
    .selectFrom('provider_exceptions')
    .select(['id', 'date', 'kind', 'start_time', 'end_time', 'reason'])
    .where('provider_id', '=', providerId)
    .where('date', '>=', fromDate)
    .orderBy('date')
    .orderBy('start_time')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    kind: r.kind,
    start: r.start_time,
    end: r.end_time,
    reason: r.reason,
  }));
}

export async function insertException(
  trx: Kysely<Database>,
  providerId: string,
  e: ExceptionInput,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('provider_exceptions')
    .values({
      id,
      provider_id: providerId,
      date: e.date,
      kind: e.kind,
      start_time: e.start ?? null,
      end_time: e.end ?? null,
      reason: e.reason ?? null,
    })
    .execute();
  return id;
}

export async function deleteException(
  trx: Kysely<Database>,
  providerId: string,
  id: string,
): Promise<boolean> {
  const res = await trx
    .deleteFrom('provider_exceptions')
    .where('id', '=', id)
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** The provider's zone: that of the location they are based at. */
export async function providerZone(db: Kysely<Database>, providerId: string) {
  return db
    .selectFrom('providers')
    .innerJoin('locations', 'locations.id', 'providers.location_id')
    .select(['providers.id', 'locations.time_zone'])
    .where('providers.id', '=', providerId)
    .executeTakeFirst();
}

export async function deactivateProvider(trx: Kysely<Database>, providerId: string): Promise<void> {
  await trx.updateTable('providers').set({ active: 0 }).where('id', '=', providerId).execute();
}

export async function setProviderPhotoKey(
  db: Kysely<Database>,
  id: string,
  key: string | null,
): Promise<void> {
  await db.updateTable('providers').set({ photo_key: key }).where('id', '=', id).execute();
}

/** Working-hour windows of the active providers at a location, by provider name and weekday. */
export async function providerHoursAtLocation(db: Kysely<Database>, locationId: string) {
  return db
    .selectFrom('provider_hours')
    .innerJoin('providers', 'providers.id', 'provider_hours.provider_id')
    .select(['providers.name', 'provider_hours.weekday', 'start_time as start', 'end_time as end'])
    .where('provider_hours.location_id', '=', locationId)
    .where('providers.active', '=', 1)
    .orderBy('providers.name')
    .orderBy('provider_hours.weekday')
    .execute();
}
