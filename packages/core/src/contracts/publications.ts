import { z } from 'zod';
import { photoViewSchema } from './photos';

/** A crop as fractions of the photo (0–1), the same for both photos of a pair. */
export const publicationCropSchema = z
  .strictObject({
    left: z.number().min(0).max(1),
    top: z.number().min(0).max(1),
    width: z.number().gt(0).max(1),
    height: z.number().gt(0).max(1),
  })
  .refine((c) => c.left + c.width <= 1.000001 && c.top + c.height <= 1.000001, {
    message: 'the crop must lie inside the photo',
  });
export type PublicationCrop = z.infer<typeof publicationCropSchema>;
export const FULL_CROP: PublicationCrop = { left: 0, top: 0, width: 1, height: 1 };

export const proposePublicationSchema = z.strictObject({
  beforePhotoId: z.string().min(1).max(100),
  afterPhotoId: z.string().min(1).max(100),
  crop: publicationCropSchema.optional(),
  /** Staff words shown with the pair; required when its measured change lies outside the clinic's own spread. */
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ProposePublication = z.infer<typeof proposePublicationSchema>;

export const consentPublicationSchema = z.strictObject({ showFace: z.boolean() });

export const PUBLICATION_STATUSES = ['awaiting-consent', 'published', 'withdrawn'] as const;
export const publicationStatusSchema = z.enum(PUBLICATION_STATUSES);
export const publicationStatusResultSchema = z.object({ id: z.string(), status: publicationStatusSchema });

export const publicationIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

/** The measured density change under the pair (same-visit close-ups) and how it sits in the clinic's spread. */
export const measuredChangeSchema = z.object({
  site: z.string(),
  densityBefore: z.number(),
  densityAfter: z.number(),
  /** hairs/cm². */
  change: z.number(),
  /** The clinic's 10th–90th percentile of change at the nearest follow-up month, when ≥ 5 patients. */
  clinicRange: z.object({ month: z.number(), p10: z.number(), p90: z.number(), n: z.number() }).nullable(),
  outsideClinicRange: z.boolean(),
});
export type MeasuredChange = z.infer<typeof measuredChangeSchema>;

export const publicImageSchema = z.object({ url: z.string(), sha256: z.string(), takenAt: z.string() });

/** Fixed when the patient consents: what the public page states about the pair. */
export const publicationVerificationSchema = z.object({
  view: photoViewSchema,
  site: z.string().nullable(),
  takenAt: z.object({ before: z.string(), after: z.string() }),
  protocol: z.string(),
  umPerPx: z.number().nullable(),
  firstTreatmentAt: z.string().nullable(),
  monthsSinceFirstTreatment: z.number().nullable(),
  monthsBetween: z.number(),
  treatmentsBetween: z.array(z.string()),
  originalPixelsSha256: z.object({ before: z.string(), after: z.string() }),
  operations: z.array(z.string()),
  published: z.object({ width: z.number(), height: z.number() }),
});
export type PublicationVerification = z.infer<typeof publicationVerificationSchema>;

export const publicResultSchema = z.object({
  id: z.string(),
  treatment: z.string(),
  before: publicImageSchema,
  after: publicImageSchema,
  monthsSinceFirstTreatment: z.number().nullable(),
  treatmentsBetween: z.array(z.string()),
  verifyUrl: z.string(),
  view: photoViewSchema,
  protocol: z.string(),
  operations: z.array(z.string()),
  originalPixelsSha256: z.object({ before: z.string(), after: z.string() }),
  showFace: z.boolean(),
  note: z.string().nullable(),
  measuredChange: measuredChangeSchema.nullable(),
  publishedAt: z.string(),
});
export type PublicResult = z.infer<typeof publicResultSchema>;
export const publicResultsQuerySchema = z.strictObject({
  treatment: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,60}$/)
    .optional(),
});

/** What staff and the patient see of a publication. */
export const publicationSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  treatment: z.string(),
  status: publicationStatusSchema,
  beforePhotoId: z.string(),
  afterPhotoId: z.string(),
  view: photoViewSchema,
  beforeTakenAt: z.string(),
  afterTakenAt: z.string(),
  crop: publicationCropSchema,
  note: z.string().nullable(),
  measuredChange: measuredChangeSchema.nullable(),
  /** Whether a face can show in this view, so the patient is asked about blurring it. */
  faceCanShow: z.boolean(),
  showFace: z.boolean().nullable(),
  proposedAt: z.string(),
  consentedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** Exactly the files that would be (or are) published, for the patient to look at; signed-in only. */
  previewUrls: z.object({ before: z.string(), after: z.string() }),
  verifyUrl: z.string().nullable(),
});
export type Publication = z.infer<typeof publicationSchema>;
