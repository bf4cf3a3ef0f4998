import type { Actor } from '@anagen/core/access';
import {
  DEFAULT_UPLOAD_SETTINGS,
  type UploadAllowance,
  type UploadSettings,
  uploadSettingsSchema,
} from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { findClinic, parseSettings } from '../clinic/clinic.repository';
import {
  deleteUploadUsage,
  forgetUploadsUntil,
  insertUploadUsage,
  uploadUsageSince,
} from './upload-usage.repository';

const DAY_MS = 24 * 3_600_000;
const MB = 1024 * 1024;

const PATIENT_UPLOADS_OFF =
  'The clinic has turned off uploads from patients. Please bring your photos or documents to your next visit, or contact the clinic.';

/** The clinic's upload rules: what an admin saved, with defaults for anything unset or unreadable. */
function uploadSettingsFromJson(settingsJson: string): UploadSettings {
  const raw = parseSettings(settingsJson).uploads;
  const merged = { ...DEFAULT_UPLOAD_SETTINGS };
  if (!raw || typeof raw !== 'object') return merged;
  for (const key of Object.keys(DEFAULT_UPLOAD_SETTINGS) as (keyof UploadSettings)[]) {
    const one = uploadSettingsSchema.shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (one.success) (merged as Record<string, unknown>)[key] = one.data;
  }
  return merged;
}

export async function readUploadSettings(db: Kysely<Database>): Promise<UploadSettings> {
  return uploadSettingsFromJson((await findClinic(db))?.settings_json ?? '{}');
}

function limitsFor(role: string, s: UploadSettings) {
  return role === 'patient'
    ? { uploads: s.patientPhotosPerDay, bytes: s.patientMegabytesPerDay * MB }
    : { uploads: s.staffPhotosPerDay, bytes: s.staffMegabytesPerDay * MB };
}

function usage(db: Kysely<Database>, userId: string, now: number) {
  return uploadUsageSince(db, userId, now - DAY_MS);
}

/** What the upload checks need of a caller; a Fastify request is one (route code passes `req`). */
export interface UploadCaller {
  actor: Actor | null;
  server: { deps: Pick<AppDeps, 'db' | 'clock'> };
}

/** Refuses (403) an upload by a patient while the clinic has patient uploads turned off. */
async function assertUploadsAllowed(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<void> {
  if (actor?.role !== 'patient') return;
  const settings = await readUploadSettings(deps.db.kysely);
  if (!settings.patientUploads) throw new AppError('FORBIDDEN', PATIENT_UPLOADS_OFF);
}

/** {@link assertUploadsAllowed} for route code. */
export function requireUploadsAllowed(req: UploadCaller): Promise<void> {
  return assertUploadsAllowed(req.server.deps, req.actor);
}

/**
 * Counts an upload of `bytes` against the signed-in account's rolling 24-hour quota, or refuses it
 * with 429 and Retry-After (when the oldest counted upload leaves the window). The row is written
 * first and counted with the others, so concurrent uploads cannot all slip under the limit.
 */
async function takeUploadQuotaFor(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  bytes: number,
): Promise<void> {
  if (!actor) return;
  const { db: database, clock } = deps;
  const db = database.kysely;
  const now = clock.now();
  const limits = limitsFor(actor.role, await readUploadSettings(db));
  await forgetUploadsUntil(db, actor.userId, now - DAY_MS);
  const id = newId();
  await insertUploadUsage(db, { id, userId: actor.userId, at: now, bytes });
  const used = await usage(db, actor.userId, now);
  if (used.uploads <= limits.uploads && used.bytes <= limits.bytes) return;
  await deleteUploadUsage(db, id);
  const waitMs = used.oldest === null ? DAY_MS : Math.max(used.oldest + DAY_MS - now, 1000);
  const hours = Math.ceil(waitMs / 3_600_000);
  throw new AppError(
    'UPLOAD_QUOTA_EXCEEDED',
    `This account has reached its upload limit (${limits.uploads} files or ${Math.round(limits.bytes / MB)} MB in 24 hours). You can upload again in about ${hours} hour${hours === 1 ? '' : 's'}.`,
    { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  );
}

/** {@link takeUploadQuotaFor} for route code. */
export function takeUploadQuota(req: UploadCaller, bytes: number): Promise<void> {
  return takeUploadQuotaFor(req.server.deps, req.actor, bytes);
}

/** What the account may still upload now; the portal shows or hides its upload forms by it. */
export async function uploadAllowance(
  db: Kysely<Database>,
  actor: { userId: string; role: string },
  now: number,
): Promise<UploadAllowance> {
  const settings = await readUploadSettings(db);
  const limits = limitsFor(actor.role, settings);
  const used = await usage(db, actor.userId, now);
  const uploadsLeft = Math.max(0, limits.uploads - used.uploads);
  const bytesLeft = Math.max(0, limits.bytes - used.bytes);
  if (actor.role === 'patient' && !settings.patientUploads) {
    return { allowed: false, reason: PATIENT_UPLOADS_OFF, uploadsLeft: 0, bytesLeft: 0 };
  }
  if (uploadsLeft === 0 || bytesLeft === 0) {
    return { allowed: false, reason: 'The upload limit for today is reached.', uploadsLeft, bytesLeft };
  }
  return { allowed: true, reason: null, uploadsLeft, bytesLeft };
}
