import { z } from 'zod';

const perDay = (max: number, what: string) =>
  z.number().int().min(0, 'Cannot be negative').max(max, `At most ${max} ${what}`);

/**
 * The clinic's upload rules, stored in `clinics.settings_json` under `uploads`. Limits count each
 * account's uploads (photos, images for analysis, documents) over the last 24 hours; 0 photos stops
 * that kind of account uploading at all. Staff limits are higher: a clinician photographs many
 * patients a day.
 */
export const uploadSettingsSchema = z.strictObject({
  /** Patients may add photos and documents themselves (off: only staff upload). */
  patientUploads: z.boolean(),
  patientPhotosPerDay: perDay(1000, 'uploads'),
  patientMegabytesPerDay: perDay(10_000, 'MB'),
  staffPhotosPerDay: perDay(10_000, 'uploads'),
  staffMegabytesPerDay: perDay(100_000, 'MB'),
});
export type UploadSettings = z.infer<typeof uploadSettingsSchema>;

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  patientUploads: true,
  patientPhotosPerDay: 30,
  patientMegabytesPerDay: 300,
  staffPhotosPerDay: 1000,
  staffMegabytesPerDay: 10_000,
};

/** What the signed-in account may still upload now (the portal hides its forms when it may not). */
export const uploadAllowanceSchema = z.object({
  allowed: z.boolean(),
  /** Why not, in words for the person, when `allowed` is false. */
  reason: z.string().nullable(),
  uploadsLeft: z.number().int(),
  bytesLeft: z.number().int(),
});
export type UploadAllowance = z.infer<typeof uploadAllowanceSchema>;
