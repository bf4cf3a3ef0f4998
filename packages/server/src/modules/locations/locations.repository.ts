import type { AdminLocation, ClosureInput, LocationInput } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { datesBetween } from './schedule-conflicts';

export async function listLocations(db: Kysely<Database>): Promise<AdminLocation[]> {
  const [locations, hours, closures] = await Promise.all([
    db.selectFrom('locations').select(['id', 'name', 'time_zone', 'address']).orderBy('name').execute(),
    db
      .selectFrom('location_hours')
      .select(['location_id', 'weekday', 'start_time', 'end_time'])
      .orderBy('weekday')
      .orderBy('start_time')
      .execute(),
    db
      .selectFrom('location_closures')
      .select(['id', 'location_id', 'start_date', 'end_date', 'reason'])
      .orderBy('start_date')
      .execute(),
  ]);
  return locations.map((l) => ({
    id: l.id,
    name: l.name,
    timeZone: l.time_zone,
    address: l.address,
    openingHours: hours
      .filter((h) => h.location_id === l.id)
      .map((h) => ({ weekday: h.weekday, start: h.start_time, end: h.end_time })),
    closures: closures
      .filter((c) => c.location_id === l.id)
      .map((c) => ({ id: c.id, startDate: c.start_date, endDate: c.end_date, reason: c.reason })),
  }));
}

export async function findLocation(db: Kysely<Database>, id: string) {
  return db.selectFrom('locations').select(['id', 'time_zone']).where('id', '=', id).executeTakeFirst();
}

/** Inserts or updates a location and replaces its opening hours; call inside a transaction. */
export async function saveLocation(
  trx: Kysely<Database>,
  id: string,
  clinicId: string,
  input: LocationInput,
  isNew: boolean,
): Promise<void> {
  const row = { name: input.name, time_zone: input.timeZone, address: input.address ?? null };
  if (isNew)
    await trx
      .insertInto('locations')
      .values({ id, clinic_id: clinicId, ...row })
      .execute();
  else await trx.updateTable('locations').set(row).where('id', '=', id).execute();
  await trx.deleteFrom('location_hours').where('location_id', '=', id).execute();
  for (const h of input.openingHours) {
    await trx
      .insertInto('location_hours')
      .values({ id: newId(), location_id: id, weekday: h.weekday, start_time: h.start, end_time: h.end })
      .execute();
  }
}

/** Providers who work at a location: based there, or with weekly hours there. */
async function providersAtLocation(db: Kysely<Database>, locationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('providers')
    .select('providers.id')
    .where((eb) =>
      eb.or([
        eb('providers.location_id', '=', locationId),
        eb(
          'providers.id',
          'in',
          eb.selectFrom('provider_hours').select('provider_id').where('location_id', '=', locationId),
        ),
      ]),
    )
    .orderBy('providers.id')
    .execute();
  return rows.map((r) => r.id);
}

const closureExceptionPrefix = (closureId: string) => `closure:${closureId}:`;

/**
 * Records a closure and, so that availability honours it without knowing about closures, a day-off
 * exception for every provider working at the location on every closed day.
 */
export async function insertClosure(
  trx: Kysely<Database>,
  locationId: string,
  input: ClosureInput,
  now: number,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('location_closures')
    .values({
      id,
      location_id: locationId,
      start_date: input.startDate,
      end_date: input.endDate,
      reason: input.reason ?? null,
      created_at: now,
    })
    .execute();
  const providers = await providersAtLocation(trx, locationId);
  const reason = input.reason ? `Clinic closed: ${input.reason}` : 'Clinic closed';
  for (const date of datesBetween(input.startDate, input.endDate)) {
    for (const providerId of providers) {
      await trx
        .insertInto('provider_exceptions')
        .values({
          id: `${closureExceptionPrefix(id)}${providerId}:${date}`,
          provider_id: providerId,
          date,
          kind: 'off',
          start_time: null,
          end_time: null,
          reason,
        })
        .execute();
    }
  }
  return id;
}

/**
 * Gives a provider the days off of every current or future closure at the locations they work at,
 * so a provider added (or given hours) after a closure was planned is not bookable on those days.
 */
export async function applyClosuresToProvider(
  trx: Kysely<Database>,
  providerId: string,
  fromDate: string,
): Promise<void> {
  const closures = await trx
    .selectFrom('location_closures')
    .select(['id', 'start_date', 'end_date', 'reason'])
    .where('end_date', '>=', fromDate)
    .where((eb) =>
      eb.or([
        eb(
          'location_id',
          'in',
          eb.selectFrom('providers').select('location_id').where('id', '=', providerId),
        ),
        eb(
          'location_id',
          'in',
          eb.selectFrom('provider_hours').select('location_id').where('provider_id', '=', providerId),
        ),
      ]),
    )
    .execute();
  for (const c of closures) {
    for (const date of datesBetween(c.start_date < fromDate ? fromDate : c.start_date, c.end_date)) {
      await trx
        .insertInto('provider_exceptions')
        .values({
          id: `${closureExceptionPrefix(c.id)}${providerId}:${date}`,
          provider_id: providerId,
          date,
          kind: 'off',
          start_time: null,
          end_time: null,
          reason: c.reason ? `Clinic closed: ${c.reason}` : 'Clinic closed',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}

export async function deleteClosure(
  trx: Kysely<Database>,
  locationId: string,
  closureId: string,
): Promise<boolean> {
  const res = await trx
    .deleteFrom('location_closures')
    .where('id', '=', closureId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) return false;
  await trx
    .deleteFrom('provider_exceptions')
    .where((eb) =>
      eb(
        eb.fn('substr', ['id', eb.val(1), eb.val(closureExceptionPrefix(closureId).length)]),
        '=',
        closureExceptionPrefix(closureId),
      ),
    )
    .execute();
  return true;
}

/** Names and opening-hour windows of the given locations (no windows: hours not set). */
export async function locationsWithOpening(db: Kysely<Database>, ids: string[]) {
  const [locations, opening] = await Promise.all([
    db.selectFrom('locations').select(['id', 'name']).where('id', 'in', ids).execute(),
    db
      .selectFrom('location_hours')
      .select(['location_id', 'weekday', 'start_time as start', 'end_time as end'])
      .where('location_id', 'in', ids)
      .execute(),
  ]);
  return { locations, opening };
}
