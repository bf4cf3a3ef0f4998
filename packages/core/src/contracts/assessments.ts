import { z } from 'zod';
import type { AssessmentInput } from '../assessment/schema';
import { EVIDENCE_GRADES, REGULATORY_STATUSES } from '../evidence/schema';

/** What `assessCandidacy` returns, as it travels over the wire. */
export const candidacyResultSchema = z.object({
  likelyType: z.object({ code: z.string(), label: z.string(), condition: z.string().nullable() }),
  likelyStage: z
    .object({
      system: z.enum(['norwood', 'ludwig', 'sinclair', 'salt']),
      stage: z.string(),
      label: z.string(),
      severity: z.enum(['mild', 'moderate', 'advanced']),
      saltScore: z.number().optional(),
      saltBand: z.string().optional(),
    })
    .nullable(),
  redFlags: z.array(z.object({ code: z.string(), message: z.string() })),
  seePhysicianFirst: z.boolean(),
  contraindications: z.record(
    z.string(),
    z.array(
      z.object({
        code: z.string(),
        severity: z.enum(['absolute', 'caution']),
        label: z.string(),
        note: z.string(),
        verified: z.boolean(),
      }),
    ),
  ),
  options: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      fitScore: z.number(),
      reason: z.string(),
      reasons: z.array(z.string()),
      evidenceGrade: z.enum(EVIDENCE_GRADES),
      regulatoryStatus: z.enum(REGULATORY_STATUSES),
    }),
  ),
  bringToConsultation: z.array(z.string()),
  questionsToAsk: z.array(z.string()),
});
export type CandidacyResultDto = z.infer<typeof candidacyResultSchema>;

/** A computed assessment; `id` is null when it was not saved (visitor or staff account). */
export const assessmentSchema = z.object({
  id: z.string().nullable(),
  patientId: z.string().nullable(),
  createdAt: z.number().int(),
  input: z.record(z.string(), z.unknown()),
  result: candidacyResultSchema,
  /** Plain-text summary for consultation notes. */
  summary: z.string(),
});
export type AssessmentDto = z.infer<typeof assessmentSchema>;

/**
 * A short plain-text summary of an assessment for consultation notes (pre-filled at booking, shown
 * on the chart). States the likely picture as "likely", never as a diagnosis.
 */
export function summarizeAssessment(input: AssessmentInput, result: CandidacyResultDto): string {
  const lines = [
    `Online self-assessment (not a diagnosis): ${input.sex}, age ${input.age}, ${input.onset.replace(/-/g, ' ')} for ${input.durationMonths} months, family history: ${input.familyHistory}${input.pregnancyPotential === null ? '' : `, could become pregnant: ${input.pregnancyPotential}`}.`,
    `${result.likelyType.label}${result.likelyStage ? `; likely stage ${result.likelyStage.label}` : ''}.`,
  ];
  if (result.redFlags.length > 0)
    lines.push(`Red flags — see a physician first: ${result.redFlags.map((f) => f.code).join(', ')}.`);
  if (input.scalpSymptoms.length > 0) lines.push(`Scalp symptoms: ${input.scalpSymptoms.join(', ')}.`);
  if (input.conditions.length > 0) lines.push(`Conditions and medicines: ${input.conditions.join(', ')}.`);
  if (input.priorTreatments.length > 0)
    lines.push(`Tried before: ${input.priorTreatments.map((p) => `${p.slug} (${p.effect})`).join(', ')}.`);
  if (input.goals.length > 0) lines.push(`Goals: ${input.goals.join(', ')}.`);
  if (result.options.length > 0)
    lines.push(
      `Options to discuss: ${result.options
        .slice(0, 3)
        .map((o) => `${o.name} (${o.evidenceGrade})`)
        .join(', ')}.`,
    );
  return lines.join('\n');
}

/** A treatment's price as the clinic charges it (or the demo default until the clinic sets one). */
export const treatmentPriceSchema = z.object({
  treatmentSlug: z.string(),
  inductionSessions: z.number().int(),
  intervalWeeks: z.number(),
  pricePerSessionCents: z.number().int(),
  maintenanceSessionsPerYear: z.number(),
  monthlyMedicationCents: z.number().int(),
  /** `default`: demo figure from published sources; `clinic`: set by the clinic's admin. */
  origin: z.enum(['default', 'clinic']),
  basis: z.string(),
  /** Published low–high range behind a default per-session price, in cents; null for clinic prices. */
  pricePerSessionRangeCents: z.tuple([z.number().int(), z.number().int()]).nullable(),
  /** Published low–high range behind a default monthly medicine price, in cents; null for clinic prices. */
  monthlyMedicationRangeCents: z.tuple([z.number().int(), z.number().int()]).nullable(),
  sourceName: z.string(),
  sourceUrl: z.string().nullable(),
  /** When the source was read (defaults) or the price set (clinic). */
  asOf: z.string(),
  /** The source's own date, when it has one. */
  sourceDated: z.string().nullable(),
  confidence: z.string(),
  updatedAt: z.number().int().nullable(),
});
export type TreatmentPrice = z.infer<typeof treatmentPriceSchema>;

const cents = z.number().int().min(0, 'Prices cannot be negative').max(100_000_000);

export const treatmentPriceUpdateSchema = z.strictObject({
  inductionSessions: z.number().int().min(0).max(50),
  intervalWeeks: z.number().min(0).max(104),
  pricePerSessionCents: cents,
  maintenanceSessionsPerYear: z.number().min(0).max(52),
  monthlyMedicationCents: cents,
});
export type TreatmentPriceUpdate = z.infer<typeof treatmentPriceUpdateSchema>;

export const treatmentSlugParamsSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});
