import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fieldError } from '../../errors';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import type { Storage } from '../../lib/storage';
import { sanitizeImage } from './image-pipeline';
import { insertPhoto } from './photos.repository';
import type { PhotoTable, PhotoView } from './photos.table';
import { stripOriginal } from './strip-original';

const ANALYSE_PHOTO_JOB = 'photo.analyse';

export interface StorePhotoInput {
  patientId: string;
  view: PhotoView;
  site?: string | null;
  umPerPx?: number | null;
  takenAt: number;
  uploadedBy: string | null;
  file: Buffer;
  /** Queue the trichoscopy analysis job (default true for trichoscopy photos). */
  analyse?: boolean;
  /** Fixed id (demo seed only); otherwise a random UUID. */
  id?: string;
}

// 128 random bits in hex: keys reveal nothing (no patient id, no date) and cannot be guessed.
const randomKey = (dir: string, ext: string) => `${dir}/${randomBytes(16).toString('hex')}${ext}`;

/**
 * Sanitises an uploaded image, writes the served copy, thumbnail and untouched original under
 * random keys, then records the photo (and its analysis job) in one transaction. If anything after
 * the first write fails, every file written is removed again, so a failed upload leaves nothing.
 */
// A photo taken "in the future" is a clock or typing mistake. A bare date means 12:00 UTC of that
// day, which is still "later today" east of UTC, hence the 14 h allowance (the widest zone offset).
const FUTURE_SKEW_MS = 14 * 60 * 60_000;

export async function storePhoto(
  deps: {
    db: Kysely<Database>;
    storage: Storage;
    now: number;
    /** Written in the photo's own transaction (the audit entry): both are stored, or neither. */
    alongside?: (trx: Kysely<Database>, row: PhotoTable) => Promise<void>;
  },
  input: StorePhotoInput,
): Promise<PhotoTable> {
  // Checked here, so that every way of storing a photo (upload, analysis with store=true) refuses it.
  if (input.takenAt > deps.now + FUTURE_SKEW_MS) throw fieldError('takenAt', 'cannot be in the future');
  const clean = await sanitizeImage(input.file);
  const original = await stripOriginal(input.file, clean.originalMime);
  const ext = clean.mime === 'image/png' ? '.png' : '.jpg';
  const row: PhotoTable = {
    id: input.id ?? newId(),
    patient_id: input.patientId,
    view: input.view,
    site: input.site ?? null,
    um_per_px: input.umPerPx ?? null,
    taken_at: input.takenAt,
    image_key: randomKey('photos', ext),
    thumb_key: randomKey('thumbs', '.jpg'),
    original_key: randomKey('originals', '.bin'),
    mime: clean.mime,
    original_mime: original.mime,
    original_bytes: original.data.length,
    width: clean.width,
    height: clean.height,
    analysis_status: 'none',
    analysis_error: null,
    uploaded_by: input.uploadedBy,
    created_at: deps.now,
  };
  const analyse = input.view === 'trichoscopy' && (input.analyse ?? true);
  if (analyse) row.analysis_status = 'queued';
  const written: string[] = [];
  try {
    for (const [key, data] of [
      [row.image_key, clean.image],
      [row.thumb_key, clean.thumb],
      [row.original_key, original.data],
    ] as const) {
      written.push(key);
      await deps.storage.put(key, data);
    }
    await deps.db.transaction().execute(async (trx) => {
      await insertPhoto(trx, row);
      await deps.alongside?.(trx, row);
      if (analyse) {
        await enqueueJob(
          trx,
          {
            kind: ANALYSE_PHOTO_JOB,
            payload: { photoId: row.id },
            runAt: deps.now,
            uniqueKey: `photo.analyse:${row.id}`,
          },
          deps.now,
        );
      }
    });
  } catch (err) {
    await Promise.all(written.map((k) => deps.storage.delete(k).catch(() => {})));
    throw err;
  }
  return row;
}
