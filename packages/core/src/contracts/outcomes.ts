import { z } from 'zod';
import { auditDateFilterSchema } from './audit-log';
import { referenceBandSchema } from './progress';

// GET /api/outcomes (DESIGN.md "HTTP API"): the names in the contract are relied on by clients.

export const outcomesQuerySchema = z.strictObject({
  treatment: z.string().regex(/^[a-z0-9-]{1,80}$/, 'a treatment slug'),
  providerId: z.string().trim().min(1).max(100).optional(),
  /** Plans that started from this date (clinic zone) … */
  from: auditDateFilterSchema.optional(),
  /** … to this date, inclusive. */
  to: auditDateFilterSchema.optional(),
  /** One scalp site only (default: each patient's baseline site). */
  site: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional(),
});
export type OutcomesQuery = z.infer<typeof outcomesQuerySchema>;

const reasonCountSchema = z.object({ reason: z.string(), count: z.number().int() });
const respondersSchema = z.object({
  /** Patients evaluated. */
  n: z.number().int(),
  /** Of those, changed by more than twice the combined uncertainty of the two measurements. */
  count: z.number().int(),
  /** count / n; null from fewer than 5 patients. */
  share: z.number().nullable(),
  /** Changed for the worse by more than that. */
  worse: z.number().int(),
});

export const changeSummarySchema = z.object({
  month: z.number().int(),
  n: z.number().int(),
  median: z.number().nullable(),
  q1: z.number().nullable(),
  q3: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  ciCoverage: z.number().nullable(),
  changes: z.array(z.number()),
  responders: respondersSchema,
  excluded: z.array(reasonCountSchema),
  missing: z.number().int(),
});
export type ChangeSummary = z.infer<typeof changeSummarySchema>;

const sideEffectRatesSchema = z.object({
  sessions: z.number().int(),
  reports: z.number().int(),
  per100Sessions: z.number().nullable(),
  bySeverity: z.array(
    z.object({ severity: z.string(), reports: z.number().int(), per100Sessions: z.number().nullable() }),
  ),
});

export const outcomesSchema = z.object({
  treatment: z.object({ slug: z.string(), name: z.string() }),
  filters: z.object({
    providerId: z.string().nullable(),
    site: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  patients: z.object({
    started: z.number().int(),
    inFollowUp: z.number().int(),
    completedFollowUp: z.number().int(),
    lostToFollowUp: z.number().int(),
    excluded: z.array(reasonCountSchema),
  }),
  /** Change in density (hairs/cm²) from baseline at 3, 6 and 12 months. */
  density: z.array(changeSummarySchema),
  /** Change in mean shaft diameter (µm) at the same points. */
  diameter: z.array(changeSummarySchema),
  responders: respondersSchema,
  /** Side-effect reports per 100 sessions; null without sessions or from fewer than 5 patients. */
  sideEffectsPer100Sessions: z.number().nullable(),
  sideEffects: sideEffectRatesSchema,
  published: z.object({
    density: referenceBandSchema.nullable(),
    sideEffects: z.array(
      z.object({ name: z.string(), frequency: z.string(), citations: z.array(z.string()) }),
    ),
  }),
  /** How each figure is defined, in words (shown on the page and the public summary). */
  definitions: z.array(z.object({ term: z.string(), text: z.string() })),
  byProvider: z.array(
    z.object({
      providerId: z.string(),
      name: z.string(),
      started: z.number().int(),
      density: z.array(
        changeSummarySchema.pick({ month: true, n: true, median: true, q1: true, q3: true, ci95: true }),
      ),
    }),
  ),
  /** Patients' own global assessment of change (−3…+3) at 3, 6 and 12 months. */
  patientReported: z.array(z.lazy(() => patientReportedSummarySchema)),
  /** Choices for the page's filters: treatments with started plans, providers of this cohort. */
  options: z.object({
    treatments: z.array(z.object({ slug: z.string(), name: z.string() })),
    providers: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  computedAt: z.number(),
});
export type Outcomes = z.infer<typeof outcomesSchema>;

// ── Patient-reported outcome questionnaires ──────────────────────────────────────────────────
export const questionnaireAnswerSchema = z.strictObject({
  /** −3 (much worse) … +3 (much better); not asked at baseline. */
  globalChange: z.number().int().min(-3).max(3).nullable().optional(),
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type QuestionnaireAnswer = z.infer<typeof questionnaireAnswerSchema>;

export const patientQuestionnaireSchema = z.object({
  id: z.string(),
  month: z.number().int(),
  treatmentSlug: z.string(),
  treatmentName: z.string(),
  dueAt: z.number(),
  expiresAt: z.number(),
  status: z.enum(['open', 'answered', 'expired']),
  asksGlobalChange: z.boolean(),
  answeredAt: z.number().nullable(),
  answers: z
    .object({ globalChange: z.number().nullable(), satisfaction: z.number(), comment: z.string().nullable() })
    .nullable(),
});
export type PatientQuestionnaire = z.infer<typeof patientQuestionnaireSchema>;

export const questionnaireTokenParamsSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not a questionnaire link'),
});

export const patientReportedSummarySchema = z.object({
  month: z.number().int(),
  n: z.number().int(),
  median: z.number().nullable(),
  /** Answers −3…+3, counted (index 0 = −3). */
  counts: z.array(z.number().int()),
  /** Share answering +2 or +3 (moderately or much better); null from fewer than 5 patients. */
  betterShare: z.number().nullable(),
});

// ── The clinic's opt-in public summary (GET /api/public/outcomes) ─────────────────────────────

/** Stored in `clinics.settings_json` under `outcomes`; off until an admin publishes. */
export const outcomeSettingsSchema = z.strictObject({
  /** Anyone may read the clinic-wide outcome summary of each treatment. */
  publishSummary: z.boolean(),
});
export type OutcomeSettings = z.infer<typeof outcomeSettingsSchema>;
export const DEFAULT_OUTCOME_SETTINGS: OutcomeSettings = { publishSummary: false };

export const publicOutcomesQuerySchema = z.strictObject({ treatment: outcomesQuerySchema.shape.treatment });

/** A change summary without each patient's own change (the staff chart's dots). */
export const publicChangeSummarySchema = changeSummarySchema.omit({ changes: true });
export type PublicChangeSummary = z.infer<typeof publicChangeSummarySchema>;

/**
 * The clinic-wide figures of `outcomesSchema` that may be shown to anyone: no filters, no
 * providers, no single patient's value. Built from the staff answer by `toPublicOutcomes`.
 */
export const publicOutcomesSchema = outcomesSchema
  .omit({
    filters: true,
    byProvider: true,
    options: true,
    density: true,
    diameter: true,
    patientReported: true,
  })
  .extend({
    clinicName: z.string(),
    density: z.array(publicChangeSummarySchema),
    diameter: z.array(publicChangeSummarySchema),
    patientReported: z.array(patientReportedSummarySchema),
  });
export type PublicOutcomes = z.infer<typeof publicOutcomesSchema>;
