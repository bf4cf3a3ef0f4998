import { z } from 'zod';
import { CONTRAINDICATION_CODES, HAIR_LOSS_CONDITIONS } from './codes';

/** A DOI as written without the resolver prefix, e.g. `10.1002/sctm.19-0410`. */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
/** Citation keys are lowercase slugs; in prose they appear as `[^key]`. */
export const CITATION_KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const httpsUrl = z.url({ protocol: /^https$/ });
const key = z.string().regex(CITATION_KEY_PATTERN, 'citation keys are lowercase letters, digits and dashes');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slugs are lowercase kebab-case');
const text = z.string().trim().min(1);
const isoDate = z.iso.date();

export const EVIDENCE_GRADES = ['high', 'moderate', 'low', 'very-low'] as const;
export type EvidenceGrade = (typeof EVIDENCE_GRADES)[number];

/**
 * US regulatory status for hair loss. `surgical-procedure` is for surgery that is not a regulated product;
 * `unverified` is used where our sources do not yet settle the status.
 */
export const REGULATORY_STATUSES = [
  'fda-approved',
  'fda-cleared-device',
  'off-label',
  'not-fda-approved',
  'unapproved-drug-biologic',
  'surgical-procedure',
  'unverified',
] as const;
export type RegulatoryStatus = (typeof REGULATORY_STATUSES)[number];

export const TREATMENT_CATEGORIES = [
  'medication',
  'device',
  'procedure',
  'surgery',
  'regenerative-cells',
  'regenerative-cell-free',
] as const;
export type TreatmentCategory = (typeof TREATMENT_CATEGORIES)[number];

export const REFERENCE_TYPES = [
  'rct',
  'meta-analysis',
  'systematic-review',
  'narrative-review',
  'cohort',
  'case-series',
  'preclinical',
  'trial-registry',
  'regulatory',
  'legal',
  'label',
  'news',
  'web',
] as const;

/** One bibliography entry. At least one of `doi` or `url` is required. */
export const ReferenceSchema = z
  .object({
    id: key,
    citation: text,
    doi: z.string().regex(DOI_PATTERN, 'DOI must look like 10.xxxx/…').optional(),
    url: httpsUrl.optional(),
    type: z.enum(REFERENCE_TYPES),
    year: z.number().int().min(1900).max(2100).optional(),
    /** Caveats about the source itself (conflicts of interest, unconfirmed DOI, press-only data). */
    note: text.optional(),
    /**
     * Why the authors or title are not yet the paper's own (e.g. not checked against the paper);
     * shown with the reference. Without it, the audit requires authors and the paper's own title.
     */
    unverifiedBibliography: text.optional(),
  })
  .strict()
  .refine((r) => r.doi !== undefined || r.url !== undefined, {
    message: 'a reference needs a DOI or an https URL',
    path: ['doi'],
  });
export type Reference = z.infer<typeof ReferenceSchema>;

/** Study facts specific to one treatment; `id` is a bibliography key. */
export const StudySchema = z
  .object({
    id: key,
    design: text,
    /** Participants randomised or enrolled; null when the source does not state it. */
    n: z.number().int().positive().nullable(),
    durationWeeks: z.number().positive().nullable(),
    /** Main result in common units (hairs/cm², % change, % responders). */
    result: text,
    population: text,
  })
  .strict();
export type StudyEntry = z.infer<typeof StudySchema>;

export const ClaimSchema = z
  .object({
    text,
    /** True when the claim rests on material we could not confirm; the text must then say so. */
    unverified: z.boolean().optional(),
  })
  .strict();

export const EFFECT_UNITS = [
  'percent-change-hair-count',
  'hairs-per-cm2',
  'percent-responders',
  'smd',
] as const;
export const EFFECT_COMPARISONS = ['change-from-baseline', 'difference-vs-control'] as const;

/** A published effect used as a reference band on progress charts. */
export const EffectSchema = z
  .object({
    label: text,
    /** What was measured, named the way the trial measured it (e.g. "non-vellus hair density"). */
    measure: text,
    value: z.number(),
    /** 95 % confidence interval when published. */
    ciLow: z.number().optional(),
    ciHigh: z.number().optional(),
    /** What the comparison group achieved in the same trial, same unit. */
    controlValue: z.number().optional(),
    /** Who the comparison group was: placebo, vehicle, sham device, the untreated half of the scalp … */
    controlLabel: text.optional(),
    unit: z.enum(EFFECT_UNITS),
    comparison: z.enum(EFFECT_COMPARISONS),
    weeks: z.number().positive().nullable(),
    studyIds: z.array(key).min(1),
  })
  .strict();
export type Effect = z.infer<typeof EffectSchema>;

export const PRICE_UNITS = ['session', 'month', 'procedure', 'device'] as const;
export const PRICE_CONFIDENCE = ['moderate', 'low', 'unverified'] as const;

export const PriceRangeSchema = z
  .object({
    minUsd: z.number().nonnegative(),
    maxUsd: z.number().nonnegative(),
    per: z.enum(PRICE_UNITS),
    /** Where the figure was published; absent only when confidence is `unverified`. */
    sourceUrl: httpsUrl.optional(),
    sourceName: text,
    /** When we read the source (not when it was written). */
    asOf: isoDate,
    /** The source's own date as it states it; absent when the source is undated. */
    sourceDated: text.optional(),
    confidence: z.enum(PRICE_CONFIDENCE),
  })
  .strict()
  .refine((p) => p.minUsd <= p.maxUsd, { message: 'minUsd must not exceed maxUsd', path: ['maxUsd'] })
  .refine((p) => p.confidence === 'unverified' || p.sourceUrl !== undefined, {
    message: 'a price that is not marked unverified needs a sourceUrl',
    path: ['sourceUrl'],
  });
export type PriceRange = z.infer<typeof PriceRangeSchema>;

export const RegulatorySchema = z
  .object({
    status: z.enum(REGULATORY_STATUSES),
    label: text,
    sourceUrl: httpsUrl.optional(),
    /** False when the status is our best reading but not yet checked against a primary source. */
    verified: z.boolean(),
  })
  .strict()
  .refine((r) => !r.verified || r.sourceUrl !== undefined, {
    message: 'a verified regulatory status needs a sourceUrl',
    path: ['sourceUrl'],
  });

export const ScheduleSchema = z
  .object({
    /** How the treatment is taken: a course of clinic sessions, a daily medicine, a one-off procedure. */
    mode: z.enum(['sessions', 'daily', 'one-time', 'home-device']),
    inductionSessions: z.number().int().nonnegative(),
    intervalWeeks: z.number().nonnegative(),
    description: text,
    maintenance: z.object({ text, sessionsPerYear: z.number().nonnegative() }).strict(),
  })
  .strict();

export const SideEffectSchema = z.object({ name: text, frequency: text, studyIds: z.array(key) }).strict();

export const ContraindicationSchema = z
  .object({
    code: z.enum(CONTRAINDICATION_CODES),
    /** `absolute`: do not use; `caution`: discuss with the prescriber first. */
    severity: z.enum(['absolute', 'caution']),
    note: text,
    /** False when commonly listed but not yet checked against a source. */
    verified: z.boolean(),
  })
  .strict();

export const TreatmentEntrySchema = z
  .object({
    slug,
    name: text,
    shortName: text,
    category: z.enum(TREATMENT_CATEGORIES),
    conditions: z.array(z.enum(HAIR_LOSS_CONDITIONS)).min(1),
    /** Who the treatment is labelled or studied for; the assessment uses this for eligibility. */
    suitability: z
      .object({
        sexes: z.array(z.enum(['female', 'male'])).min(1),
        minAge: z.number().int().min(0),
      })
      .strict(),
    summary: text,
    howItWorks: text,
    studies: z.array(StudySchema),
    evidenceGrade: z
      .object({ grade: z.enum(EVIDENCE_GRADES), reason: text, studyIds: z.array(key).min(1) })
      .strict(),
    regulatory: RegulatorySchema,
    schedule: ScheduleSchema,
    timeToVisibleResultMonths: z
      .object({ min: z.number().nonnegative(), max: z.number().nonnegative(), note: text })
      .strict()
      .nullable(),
    downtime: text,
    sideEffects: z.array(SideEffectSchema),
    contraindications: z.array(ContraindicationSchema),
    priceRange: PriceRangeSchema.nullable(),
    effect: EffectSchema.nullable(),
    claims: z.array(ClaimSchema).min(1),
  })
  .strict();
export type TreatmentEntry = z.infer<typeof TreatmentEntrySchema>;

const blockBase = { id: key.optional() };
export const GuideBlockSchema = z.discriminatedUnion('type', [
  z.object({ ...blockBase, type: z.literal('paragraph'), text, advice: z.boolean().optional() }).strict(),
  z.object({ ...blockBase, type: z.literal('list'), items: z.array(text).min(1) }).strict(),
  z.object({ ...blockBase, type: z.literal('checklist'), items: z.array(text).min(1) }).strict(),
  z.object({ ...blockBase, type: z.literal('callout'), tone: z.enum(['info', 'warning']), text }).strict(),
  z.object({ ...blockBase, type: z.literal('myth-fact'), myth: text, fact: text }).strict(),
  z.object({ ...blockBase, type: z.literal('treatment-links'), slugs: z.array(slug).min(1) }).strict(),
]);
export type GuideBlock = z.infer<typeof GuideBlockSchema>;

export const GuideSectionSchema = z
  .object({
    id: slug,
    heading: text,
    /** `preclinical`: laboratory or animal research, shown with a visible label. */
    label: z.enum(['preclinical', 'unverified']).optional(),
    blocks: z.array(GuideBlockSchema).min(1),
  })
  .strict();

export const GuidePageSchema = z
  .object({
    slug,
    title: text,
    /** Meta description for search results, 50–160 characters. */
    description: z.string().min(50).max(160),
    updated: isoDate,
    order: z.number().int().nonnegative(),
    printable: z.boolean().optional(),
    sections: z.array(GuideSectionSchema).min(1),
  })
  .strict();
export type GuidePage = z.infer<typeof GuidePageSchema>;
