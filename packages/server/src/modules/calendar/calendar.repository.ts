import type { Insertable, Kysely } from 'kysely';
import type { BlockTable, Database } from '../../db/schema';

/** The location the calendar shows (the clinic's first, as the schedule has one location). */
export async function findCalendarLocation(db: Kysely<Database>) {
  return db.selectFrom('locations').select(['id', 'time_zone']).orderBy('id').limit(1).executeTakeFirst();
}

export async function listLocationProviders(db: Kysely<Database>, locationId: string) {
  return db
    .selectFrom('providers')
    .select(['id', 'name'])
    .where('location_id', '=', locationId)
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}

export async function listLocationResources(db: Kysely<Database>, locationId: string) {
  return db
    .selectFrom('resources')
    .select(['id', 'name'])
    .where('location_id', '=', locationId)
    .orderBy('name')
    .execute();
}

/** Blocks overlapping [fromMs, toMs), by start. */
export async function listBlocksBetween(db: Kysely<Database>, fromMs: number, toMs: number) {
  return db
    .selectFrom('blocks')
    .selectAll()
    .where('start_at', '<', toMs)
    .where('end_at', '>', fromMs)
    .orderBy('start_at')
    .execute();
}

export async function providerExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('providers').select('id').where('id', '=', id).executeTakeFirst());
}

export async function resourceExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('resources').select('id').where('id', '=', id).executeTakeFirst());
}

/** Whether a live appointment holds the provider or the resource somewhere in [start, end). */
export async function hasLiveAppointmentIn(
  db: Kysely<Database>,
  s: { providerId: string | undefined; resourceId: string | undefined; start: number; end: number },
): Promise<boolean> {
  const { providerId, resourceId, start, end } = s;
  const clash = await db
    .selectFrom('appointments')
    .select('appointments.id')
    .where('appointments.status', '<>', 'cancelled')
    .where('appointments.busy_start_at', '<', end)
    .where('appointments.busy_end_at', '>', start)
    .where((eb) =>
      eb.or([
        ...(providerId ? [eb('appointments.provider_id', '=', providerId)] : []),
        ...(resourceId
          ? [
              eb(
                'appointments.id',
                'in',
                eb
                  .selectFrom('appointment_resources')
                  .select('appointment_id')
                  .where('resource_id', '=', resourceId),
              ),
            ]
          : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!clash;
}

export async function insertBlock(trx: Kysely<Database>, row: Insertable<BlockTable>): Promise<void> {
  await trx.insertInto('blocks').values(row).execute();
}

/** Deletes a block and returns what it covered, or null when there was none. */
export async function deleteBlock(trx: Kysely<Database>, id: string) {
  const block = await trx
    .selectFrom('blocks')
    .select(['start_at', 'end_at', 'reason'])
    .where('id', '=', id)
    .executeTakeFirst();
  const res = await trx.deleteFrom('blocks').where('id', '=', id).executeTakeFirst();
  if (!block || Number(res.numDeletedRows) === 0) return null;
  return block;
}
