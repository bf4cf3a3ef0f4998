import { z } from 'zod';
import { instantInputSchema, scalpSiteSchema } from './photos';

export const MEASUREMENT_SOURCES = ['auto', 'corrected', 'verified'] as const;

/**
 * One trichoscopy measurement; a clinician's correction or hair-by-hair verification is a second row
 * beside the automatic one.
 */
export const measurementSchema = z.object({
  id: z.string(),
  site: z.string(),
  /** ISO-8601 UTC. */
  takenAt: z.string(),
  hairCount: z.number().int(),
  densityPerCm2: z.number(),
  meanDiameterUm: z.number(),
  vellusRatio: z.number(),
  terminalRatio: z.number().nullable(),
  /** Cumulative thickness, µm per cm² (null when the engine did not report it). */
  hairMassPerCm2: z.number().nullable(),
  areaCm2: z.number(),
  source: z.enum(MEASUREMENT_SOURCES),
  photoId: z.string().nullable(),
  /** For a correction or verification: the automatic measurement it sits beside. */
  correctsId: z.string().nullable(),
  engineVersion: z.string().nullable(),
  /** The engine's verdict on the image; confidence and expectedError from engine 0.4.0 on (real-image fitted). */
  quality: z
    .object({
      ok: z.boolean(),
      /**
       * The engine's codes (hair-analysis `QualityIssue`), e.g. `blurred`, `uncertain-count` (the
       * count may be far off) and, after engine 0.6.0, `few-hairs` (too few hairs for a density).
       * Plain strings: an older or newer engine's codes pass through unchanged.
       */
      issues: z.array(z.string()),
      confidence: z.number().min(0).max(1).optional(),
      expectedError: z.number().min(0).optional(),
      /** Hairs the field likely holds, low–high (engine 0.6.0 on; sides fitted on real images). */
      countInterval: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    })
    .nullable(),
  reason: z.string().nullable(),
  createdAt: z.number().int(),
  /** For a verified measurement: the clinician who reviewed the hairs on the image, and when (epoch ms). */
  verifiedBy: z.string().nullable().optional(),
  verifiedAt: z.number().int().nullable().optional(),
});
export type Measurement = z.infer<typeof measurementSchema>;

/** Most hairs a verification may list (a dense 1 cm² field holds a few hundred). */
export const MAX_VERIFIED_HAIRS = 5000;

export const hairClassSchema = z.enum(['vellus', 'intermediate', 'terminal', 'unmeasured']);

/** One hair of a measurement's hair list; `x`, `y` are its emergence point in image pixels. */
export const measurementHairSchema = z.object({
  x: z.number(),
  y: z.number(),
  /** Null for a hair a clinician added: its shaft was not measured. */
  diameterUm: z.number().nullable(),
  class: hairClassSchema,
  origin: z.enum(['engine', 'added']),
});
export type MeasurementHair = z.infer<typeof measurementHairSchema>;

/** `GET /api/measurements/:id/hairs`. */
export const measurementHairsSchema = z.object({
  measurementId: z.string(),
  patientId: z.string(),
  source: z.enum(MEASUREMENT_SOURCES),
  photoId: z.string(),
  /** The automatic measurement this list reviews (verified lists), else null. */
  correctsId: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  umPerPx: z.number(),
  areaCm2: z.number(),
  hairCount: z.number().int(),
  densityPerCm2: z.number(),
  engineVersion: z.string().nullable(),
  quality: measurementSchema.shape.quality,
  verifiedBy: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.number().int().nullable(),
  note: z.string().nullable(),
  hairs: z.array(measurementHairSchema),
});
export type MeasurementHairs = z.infer<typeof measurementHairsSchema>;

/** `POST /api/measurements/:id/verification`: every hair the clinician counts, by emergence point. */
export const measurementVerificationSchema = z.strictObject({
  hairs: z
    .array(z.strictObject({ x: z.number().finite().min(0), y: z.number().finite().min(0) }))
    .max(MAX_VERIFIED_HAIRS),
  note: z.string().trim().max(1000).optional(),
});
export type MeasurementVerification = z.infer<typeof measurementVerificationSchema>;

const agreementStats = z.object({
  n: z.number().int(),
  /** Mean of automatic − verified hair count (positive: the engine counts more). */
  meanDifference: z.number().nullable(),
  sdDifference: z.number().nullable(),
  /** 95 % limits of agreement; null below two images. */
  limits: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  /** Fewer than five images: the limits move a lot with each new image. */
  smallSample: z.boolean(),
});

/** `GET /api/measurements/agreement`: automatic against clinician-verified counts. */
export const measurementAgreementSchema = z.object({
  overall: agreementStats,
  groups: z.array(
    agreementStats.extend({
      umPerPx: z.number().nullable(),
      engineVersion: z.string().nullable(),
      images: z.array(
        z.object({
          verifiedId: z.string(),
          autoId: z.string(),
          auto: z.number().int(),
          verified: z.number().int(),
          difference: z.number().int(),
          verifiedAt: z.number().int(),
        }),
      ),
    }),
  ),
});
export type MeasurementAgreement = z.infer<typeof measurementAgreementSchema>;

/** A clinician's reviewed values for an automatic measurement; omitted fields keep the automatic value. */
export const measurementCorrectionSchema = z.strictObject({
  hairCount: z.number().int().min(0).max(100_000),
  meanDiameterUm: z.number().min(0).max(300).optional(),
  vellusRatio: z.number().min(0).max(1).optional(),
  terminalRatio: z.number().min(0).max(1).optional(),
  reason: z.string().trim().min(3).max(1000),
});
export type MeasurementCorrection = z.infer<typeof measurementCorrectionSchema>;

/** Text fields of `POST /api/analyses` (multipart; the file is the `image` part). */
export const analysisRequestFieldsSchema = z.strictObject({
  umPerPx: z.coerce.number().positive().max(200).optional(),
  /** Analyse a stored photo instead of an uploaded file (a patient may analyse their own). */
  photoId: z.string().min(1).max(100).optional(),
  /** Whose image this is; with `store=true` and `site`, the image and result are saved to their record. */
  patientId: z.string().min(1).max(100).optional(),
  site: scalpSiteSchema.optional(),
  takenAt: instantInputSchema.optional(),
  store: z.enum(['true', 'false']).optional(),
});

/** The hair analysis result exactly as DESIGN "Hair analysis result" (CLI `--json` and API). */
export const hairAnalysisResponseSchema = z.strictObject({
  width: z.number().int(),
  height: z.number().int(),
  umPerPx: z.number(),
  areaCm2: z.number(),
  hairCount: z.number().int(),
  densityPerCm2: z.number(),
  meanDiameterUm: z.number(),
  vellusRatio: z.number(),
  terminalRatio: z.number(),
  hairs: z.array(
    z.strictObject({
      x: z.number(),
      y: z.number(),
      diameterUm: z.number(),
      class: z.enum(['vellus', 'intermediate', 'terminal']),
    }),
  ),
  durationMs: z.number(),
});
export type HairAnalysisResponse = z.infer<typeof hairAnalysisResponseSchema>;

/** `GET /api/analyses/queue`: the clinic-wide photo-analysis queue, shared by every server. */
export const analysisQueueSchema = z.strictObject({
  /** Trichoscopy photos waiting for their automatic measurement. */
  waiting: z.number().int().min(0),
  /** Analyses running now, on any server. */
  running: z.number().int().min(0),
  /** How many may run at once across the clinic (`ANAGEN_ANALYSIS_SLOTS`). */
  limit: z.number().int().min(1),
});
export type AnalysisQueue = z.infer<typeof analysisQueueSchema>;
