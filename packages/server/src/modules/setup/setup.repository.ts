import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Any clinic, and any admin's email: first-run set-up only works on an empty database. */
export async function findExistingClinicOrAdmin(db: Kysely<Database>) {
  const clinic = await db.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
  const admin = await db
    .selectFrom('users')
    .select('email')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  return { clinic, admin };
}

/** The clinic row and its first location (which carries the clinic's time zone). */
export async function insertClinicWithLocation(
  db: Kysely<Database>,
  c: {
    clinicId: string;
    locationId: string;
    name: string;
    phone: string;
    email: string;
    timeZone: string;
  },
): Promise<void> {
  await db
    .insertInto('clinics')
    .values({
      id: c.clinicId,
      name: c.name,
      phone: c.phone,
      email: c.email,
      website: null,
      address: null,
      settings_json: '{}',
    })
    .execute();
  await db
    .insertInto('locations')
    .values({ id: c.locationId, clinic_id: c.clinicId, name: c.name, time_zone: c.timeZone, address: null })
    .execute();
}

export async function clinicExists(db: Kysely<Database>, clinicId: string): Promise<boolean> {
  const row = await db.selectFrom('clinics').select('id').where('id', '=', clinicId).executeTakeFirst();
  return Boolean(row);
}

/** Active accounts with a password among `ids` or of any staff role, by email. */
export async function activeAccountsWithPassword(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('active', '=', 1)
    .where('password_hash', 'is not', null)
    .where((eb) => eb.or([eb('id', 'in', ids), eb('role', '!=', 'patient')]))
    .orderBy('email')
    .execute();
}
