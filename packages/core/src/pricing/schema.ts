import { z } from 'zod';

const cents = z.number().int().min(0);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** One treatment plan to cost: clinic sessions (induction then maintenance) plus monthly medicine. */
export const CostPlanSchema = z
  .object({
    treatmentSlug: slug,
    /** Optional display name when one treatment appears in several plans. */
    label: z.string().min(1).max(80).optional(),
    inductionSessions: z.number().int().min(0).max(50),
    /** Weeks between induction sessions; 0 when there is at most one. */
    intervalWeeks: z.number().min(0).max(104),
    pricePerSessionCents: cents,
    /** Maintenance sessions per year after induction; may be fractional (e.g. 0.5 = every two years). */
    maintenanceSessionsPerYear: z.number().min(0).max(52),
    monthlyMedicationCents: cents,
  })
  .strict();
export type CostPlan = z.infer<typeof CostPlanSchema>;

export const CostEstimateInputSchema = z
  .object({
    plans: z.array(CostPlanSchema).min(1).max(8),
    /** Years at which to report cumulative cost; defaults to 1, 3, 5 and 10. */
    years: z.array(z.number().int().min(1).max(30)).min(1).max(10).default([1, 3, 5, 10]),
  })
  .strict();
export type CostEstimateInput = z.input<typeof CostEstimateInputSchema>;

/** Low and high end of a published price range, in integer cents. */
export const CentsRangeSchema = z.tuple([cents, cents]).refine(([lo, hi]) => lo <= hi, 'low above high');
export type CentsRange = z.infer<typeof CentsRangeSchema>;

/** A demo default price for one treatment, derived from published (mostly low-confidence) ranges. */
export const PriceDefaultSchema = CostPlanSchema.extend({
  /** How the default was derived from the source range, in plain words. */
  basis: z.string().min(1),
  /** The published range the per-session price is the midpoint of. */
  pricePerSessionRangeCents: CentsRangeSchema.optional(),
  /** The published range the monthly medicine price is the midpoint of. */
  monthlyMedicationRangeCents: CentsRangeSchema.optional(),
  sourceName: z.string().min(1),
  sourceUrl: z.url({ protocol: /^https$/ }).optional(),
  /** When we read the source (not when it was written). */
  asOf: z.iso.date(),
  /** The source's own date as it states it ("February 2022", "2025–26"); absent when undated. */
  sourceDated: z.string().min(1).optional(),
  confidence: z.enum(['moderate', 'low', 'unverified']),
})
  .strict()
  .refine((d) => d.confidence === 'unverified' || d.sourceUrl !== undefined, {
    message: 'a default price that is not marked unverified needs a sourceUrl',
    path: ['sourceUrl'],
  })
  .refine(
    (d) =>
      within(d.pricePerSessionCents, d.pricePerSessionRangeCents) &&
      within(d.monthlyMedicationCents, d.monthlyMedicationRangeCents),
    { message: 'the default price must lie inside its published range', path: ['basis'] },
  );
export type PriceDefault = z.infer<typeof PriceDefaultSchema>;

function within(v: number, r: CentsRange | undefined): boolean {
  return r === undefined || (r[0] <= v && v <= r[1]);
}

/** Validates the demo price list (e.g. `content/prices.json`); throws a ZodError when invalid. */
export function parsePriceDefaults(raw: unknown): PriceDefault[] {
  return z
    .array(PriceDefaultSchema)
    .refine((xs) => new Set(xs.map((x) => x.treatmentSlug)).size === xs.length, 'one default per treatment')
    .parse(raw);
}

/** The plan part of a default price, ready for `estimateCumulativeCost`. */
export function planFromPriceDefault(d: PriceDefault): CostPlan {
  return {
    treatmentSlug: d.treatmentSlug,
    inductionSessions: d.inductionSessions,
    intervalWeeks: d.intervalWeeks,
    pricePerSessionCents: d.pricePerSessionCents,
    maintenanceSessionsPerYear: d.maintenanceSessionsPerYear,
    monthlyMedicationCents: d.monthlyMedicationCents,
  };
}

/** The published low–high ranges behind a plan's prices; a missing range means the price is exact. */
export interface PlanPriceRanges {
  pricePerSessionRangeCents?: CentsRange | null;
  monthlyMedicationRangeCents?: CentsRange | null;
}

/**
 * The plan at the low or high end of its published price ranges (schedule unchanged), so the
 * estimator can show a range and not only a midpoint. Prices without a range stay as they are.
 */
export function planAtRangeEnd(plan: CostPlan, ranges: PlanPriceRanges, end: 'low' | 'high'): CostPlan {
  const i = end === 'low' ? 0 : 1;
  return {
    ...plan,
    pricePerSessionCents: ranges.pricePerSessionRangeCents?.[i] ?? plan.pricePerSessionCents,
    monthlyMedicationCents: ranges.monthlyMedicationRangeCents?.[i] ?? plan.monthlyMedicationCents,
  };
}
