import {
  type BookingPolicies,
  bookingPoliciesSchema,
  DEFAULT_BOOKING_POLICIES,
} from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Single-clinic deployment: the clinic is the one row (the first by id if there were ever more). */
export async function findClinic(db: Kysely<Database>) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'address', 'phone', 'email', 'website', 'settings_json'])
    .orderBy('id')
    .executeTakeFirst();
}

/** The clinic's own zone: its first location's (UTC before there is one). Filters and forms read dates in it. */
export async function clinicTimeZone(db: Kysely<Database>): Promise<string> {
  const loc = await db.selectFrom('locations').select('time_zone').orderBy('id').executeTakeFirst();
  return loc?.time_zone ?? 'UTC';
}

export async function updateClinicDetails(
  db: Kysely<Database>,
  id: string,
  d: { name: string; address: string | null; phone: string; email: string; website: string | null },
): Promise<void> {
  await db.updateTable('clinics').set(d).where('id', '=', id).execute();
}

export async function updateClinicSettings(
  db: Kysely<Database>,
  id: string,
  settingsJson: string,
): Promise<void> {
  await db.updateTable('clinics').set({ settings_json: settingsJson }).where('id', '=', id).execute();
}

/**
 * The clinic's booking and care policies: what an admin saved, with defaults for anything unset or
 * unreadable. Booking (cancellation cut-off, reminders, consultation rule) and care (side-effect
 * review) read them from here.
 */
export async function readClinicPolicies(db: Kysely<Database>): Promise<BookingPolicies> {
  const clinic = await findClinic(db);
  return policiesFromSettings(clinic?.settings_json ?? '{}');
}

export function policiesFromSettings(settingsJson: string): BookingPolicies {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(settingsJson);
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // A hand-edited, broken settings column falls back to defaults rather than breaking booking.
  }
  const merged = { ...DEFAULT_BOOKING_POLICIES };
  for (const key of Object.keys(DEFAULT_BOOKING_POLICIES) as (keyof BookingPolicies)[]) {
    const one = bookingPoliciesSchema.shape[key].safeParse(raw[key]);
    if (one.success) (merged as Record<string, unknown>)[key] = one.data;
  }
  return merged;
}
