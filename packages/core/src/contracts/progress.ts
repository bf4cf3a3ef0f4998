import { z } from 'zod';
import { MEASUREMENT_SOURCES } from './measurements';
import { photoSchema, photoViewSchema } from './photos';

const change = z.object({ abs: z.number(), pct: z.number().nullable() });

export const progressPointSchema = z.object({
  measurementId: z.string(),
  photoId: z.string().nullable(),
  /** ISO-8601 UTC. */
  takenAt: z.string(),
  monthsSinceBaseline: z.number(),
  /** True when a clinician's correction or hair-by-hair verification replaced the automatic value. */
  corrected: z.boolean(),
  /** Where the value comes from: the engine, a clinician's typed correction, or hairs verified on the image. */
  source: z.enum(MEASUREMENT_SOURCES),
  /** The engine's image-quality warnings (blurred, over/under-exposed…); empty when none. */
  qualityIssues: z.array(z.string()),
  hairCount: z.number().int(),
  densityPerCm2: z.number(),
  meanDiameterUm: z.number(),
  vellusRatio: z.number(),
  /** ± one standard uncertainty, same units as the value (see `uncertaintyMethod`). */
  uncertainty: z.object({ densityPerCm2: z.number(), meanDiameterUm: z.number(), vellusRatio: z.number() }),
  /** Change from this site's baseline (first measurement); `pct` null when the baseline is 0. */
  change: z.object({ densityPerCm2: change, meanDiameterUm: change, vellusRatio: change }),
});
export type ProgressPoint = z.infer<typeof progressPointSchema>;

/** A published result drawn on a site's density chart, converted to hairs/cm² from this baseline. */
export const siteBandSchema = z.object({
  bandId: z.string(),
  /** Trial time point, months after baseline (null when the source pools several durations). */
  atMonths: z.number().nullable(),
  mean: z.number(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  control: z.number().nullable(),
});
export type SiteBand = z.infer<typeof siteBandSchema>;

export const siteSeriesSchema = z.object({
  site: z.string(),
  points: z.array(progressPointSchema),
  bands: z.array(siteBandSchema),
});
export type SiteSeries = z.infer<typeof siteSeriesSchema>;

export const referenceBandSchema = z.object({
  id: z.string(),
  treatmentSlug: z.string(),
  treatmentName: z.string(),
  label: z.string(),
  unit: z.string(),
  comparison: z.enum(['change-from-baseline', 'difference-vs-control']),
  value: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  controlValue: z.number().nullable(),
  weeks: z.number().nullable(),
  /** Whether it can be drawn in hairs/cm² on a density chart. */
  charted: z.boolean(),
  /** Plain-language caveat shown beside the band. */
  caveat: z.string(),
  studies: z.array(
    z.object({ id: z.string(), citation: z.string(), year: z.number().nullable(), href: z.string() }),
  ),
});
export type ReferenceBand = z.infer<typeof referenceBandSchema>;

export const progressSchema = z.object({
  patientId: z.string(),
  treatment: z.object({ slug: z.string(), name: z.string(), source: z.enum(['plan', 'query']) }).nullable(),
  /** Treatments with a published effect that can be charted, for choosing a comparison. */
  comparableTreatments: z.array(z.object({ slug: z.string(), name: z.string() })),
  sites: z.array(siteSeriesSchema),
  referenceBands: z.array(referenceBandSchema),
  uncertaintyMethod: z.string(),
});
export type Progress = z.infer<typeof progressSchema>;

export const progressQuerySchema = z.strictObject({
  treatment: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
});

export const compareQuerySchema = z.strictObject({
  view: photoViewSchema,
  a: z.string().min(1).max(100),
  b: z.string().min(1).max(100),
});

const compareSide = z.object({
  photo: photoSchema,
  monthsSinceBaseline: z.number(),
});

export const compareDeltaSchema = z.object({
  site: z.string(),
  metric: z.enum(['densityPerCm2', 'meanDiameterUm', 'vellusRatio', 'hairCount']),
  a: z.number(),
  b: z.number(),
  abs: z.number(),
  pct: z.number().nullable(),
  /** Combined ± uncertainty of the difference. */
  uncertainty: z.number(),
  /** Which value each side shows: the engine's, a typed correction or a hair-by-hair verification. */
  sources: z.object({ a: z.enum(MEASUREMENT_SOURCES), b: z.enum(MEASUREMENT_SOURCES) }),
});

export const compareSchema = z.object({
  view: photoViewSchema,
  /** ISO-8601 UTC of the earliest photo of this view (the baseline). */
  baselineAt: z.string(),
  a: compareSide,
  b: compareSide,
  monthsBetween: z.number(),
  deltas: z.array(compareDeltaSchema),
});
export type Compare = z.infer<typeof compareSchema>;
