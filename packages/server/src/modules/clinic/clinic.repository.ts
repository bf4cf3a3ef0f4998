import {
  type BookingPolicies,
  bookingPoliciesSchema,
  type CustomScalpSite,
  customScalpSiteSchema,
  DEFAULT_BOOKING_POLICIES,
  EMPTY_NOTICE_NOTES,
  NOTICE_KINDS,
  type NoticeNotes,
  noticeNotesSchema,
  SCALP_SITES,
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

/** The clinic's name as mails greet with it; null before the clinic is set up. */
export async function findClinicName(db: Kysely<Database>): Promise<string | null> {
  const clinic = await db.selectFrom('clinics').select('name').orderBy('id').executeTakeFirst();
  return clinic?.name ?? null;
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

/** The settings object of a `settings_json` value; a broken column reads as empty. */
export function parseSettings(settingsJson: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(settingsJson);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // A hand-edited, broken settings column falls back to defaults rather than breaking booking.
  }
  return {};
}

/**
 * Replaces some keys of the clinic's settings and keeps the others (owned by other features).
 * Compare-and-set on the stored text, retried a few times: two admins saving different settings at
 * once both keep their change, on SQLite and PostgreSQL alike (no row lock needed).
 */
export async function mergeClinicSettings(
  db: Kysely<Database>,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db
      .selectFrom('clinics')
      .select('settings_json')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return;
    const next = JSON.stringify({ ...parseSettings(row.settings_json), ...patch });
    const res = await db
      .updateTable('clinics')
      .set({ settings_json: next })
      .where('id', '=', id)
      .where('settings_json', '=', row.settings_json)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) return;
  }
  throw new Error('clinic settings kept changing while saving');
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
  const raw = parseSettings(settingsJson);
  const merged = { ...DEFAULT_BOOKING_POLICIES };
  for (const key of Object.keys(DEFAULT_BOOKING_POLICIES) as (keyof BookingPolicies)[]) {
    const one = bookingPoliciesSchema.shape[key].safeParse(raw[key]);
    if (one.success) (merged as Record<string, unknown>)[key] = one.data;
  }
  return merged;
}

/** The clinic's notes for appointment emails; a note that no longer validates reads as none. */
export function noticeNotesFromSettings(settingsJson: string): NoticeNotes {
  const raw = parseSettings(settingsJson).noticeNotes;
  const notes = { ...EMPTY_NOTICE_NOTES };
  if (!raw || typeof raw !== 'object') return notes;
  for (const kind of NOTICE_KINDS) {
    const one = noticeNotesSchema.shape[kind].safeParse((raw as Record<string, unknown>)[kind]);
    if (one.success) notes[kind] = one.data;
  }
  return notes;
}

/** The clinic's own close-up sites; an unreadable entry is left out rather than failing the list. */
export function customSitesFromSettings(settingsJson: string): CustomScalpSite[] {
  const raw = parseSettings(settingsJson).customSites;
  if (!Array.isArray(raw)) return [];
  const sites: CustomScalpSite[] = [];
  for (const entry of raw) {
    const one = customScalpSiteSchema.safeParse(entry);
    // Each entry on its own: a hand-edited bad one is dropped, the rest (and no duplicate) kept.
    if (!one.success || (SCALP_SITES as readonly string[]).includes(one.data.slug)) continue;
    if (!sites.some((s) => s.slug === one.data.slug)) sites.push(one.data);
  }
  return sites.slice(0, 30);
}

export async function readNoticeNotes(db: Kysely<Database>): Promise<NoticeNotes> {
  const clinic = await findClinic(db);
  return noticeNotesFromSettings(clinic?.settings_json ?? '{}');
}
