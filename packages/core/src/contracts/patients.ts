import { z } from 'zod';
import { phoneSchema } from './admin';
import { emailSchema } from './auth';

export const patientSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.number().int(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const patientIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

/** Staff merge a duplicate record (typically a guest booking's) into the record that is kept. */
export const patientMergeRequestSchema = z.strictObject({
  /** The record that disappears: everything it holds moves to the kept record (`:id`). */
  sourcePatientId: z.string().min(1).max(100),
});
export const patientMergeQuerySchema = z.strictObject({ source: z.string().min(1).max(100) });

/** What each record holds, by kind (appointments, sessions, photos…), for the side-by-side view. */
export const patientRecordSummarySchema = patientSchema.extend({
  counts: z.record(z.string(), z.number().int()),
});
export const patientMergePreviewSchema = z.object({
  kept: patientRecordSummarySchema,
  source: patientRecordSummarySchema,
  /** Why the merge cannot be done, or null when it can. */
  blocker: z.string().nullable(),
});
export const patientMergeResultSchema = z.object({
  kept: patientSchema,
  moved: z.record(z.string(), z.number().int()),
});
export type PatientMergePreview = z.infer<typeof patientMergePreviewSchema>;
export type PatientRecordSummary = z.infer<typeof patientRecordSummarySchema>;
export type PatientMergeResult = z.infer<typeof patientMergeResultSchema>;

/**
 * What the front desk needs to open a record for a caller (decision 252): a name to greet them, a
 * phone to call back, a date of birth to tell namesakes apart, and an email, because every
 * confirmation, reminder and account link goes by email and records are matched by it.
 */
export const newPatientSchema = z.strictObject({
  name: z.string().trim().min(2, 'Enter the full name.').max(200),
  email: emailSchema,
  phone: phoneSchema,
  /** YYYY-MM-DD; the server also refuses a date after today. */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of birth.')
    .refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
    }, 'Enter a real date, such as 1980-04-30.')
    .refine((d) => d >= '1900-01-01', 'Enter a date of birth after 1900.'),
});
export type NewPatient = z.infer<typeof newPatientSchema>;
