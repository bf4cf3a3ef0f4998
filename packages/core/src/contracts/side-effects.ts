import { z } from 'zod';
import { SIDE_EFFECT_SYMPTOMS } from '../triage/symptoms';
import { epochMs, optionalText, text } from './care-fields';

// Side effects: reports, triage responses, reviews, follow-ups, alerts and the care settings that time them.
export const reportSideEffectSchema = z.strictObject({
  symptoms: z
    .array(z.enum(SIDE_EFFECT_SYMPTOMS))
    .min(1, 'Choose at least one symptom')
    .max(SIDE_EFFECT_SYMPTOMS.length)
    .refine((s) => new Set(s).size === s.length, 'Each symptom once'),
  severity: z.number().int().min(0).max(10),
  onsetAt: epochMs,
  sessionId: z.string().min(1).max(100).optional(),
  note: optionalText(2000),
});
export const SIDE_EFFECT_OUTCOMES = [
  'resolved',
  'monitoring',
  'treated',
  'referred',
  'seen-in-clinic',
] as const;
export const reviewSideEffectSchema = z
  .strictObject({
    assessment: text(5000).min(1, 'Write your assessment'),
    outcome: z.enum(SIDE_EFFECT_OUTCOMES, 'Choose an outcome'),
    /** When to look again (epoch ms); required for `monitoring`, ignored otherwise. */
    followUpAt: epochMs.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'monitoring' && v.followUpAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['followUpAt'],
        message: 'Choose a follow-up date for monitoring',
      });
    }
  });
export const sideEffectReviewSchema = z.object({
  assessment: z.string(),
  outcome: z.string(),
  followUpAt: z.number().nullable(),
  reviewedBy: z.string(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.number(),
});
export type SideEffectReview = z.infer<typeof sideEffectReviewSchema>;
export const sideEffectReportSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  sessionId: z.string().nullable(),
  treatmentSlug: z.string().nullable(),
  symptoms: z.array(z.enum(SIDE_EFFECT_SYMPTOMS)),
  severity: z.number(),
  onsetAt: z.number(),
  note: z.string().nullable(),
  urgency: z.enum(['urgent', 'routine']),
  reasons: z.array(z.string()),
  reviewDueAt: z.number(),
  /** `monitoring`: reviewed, still open until a later review closes it (see `followUpAt`). */
  status: z.enum(['open', 'monitoring', 'reviewed']),
  assessment: z.string().nullable(),
  outcome: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  createdAt: z.number(),
  /** The follow-up date of a report under monitoring; null otherwise. */
  followUpAt: z.number().nullable(),
  /** Every review, oldest first (the fields above repeat the latest). */
  reviews: z.array(sideEffectReviewSchema),
});
export type SideEffectReport = z.infer<typeof sideEffectReportSchema>;
export const sideEffectResponseSchema = z.object({
  report: sideEffectReportSchema,
  advice: z.object({
    urgency: z.enum(['urgent', 'routine']),
    emergencyFirst: z.boolean(),
    clinicPhone: z.string(),
    emergencyNumber: z.string(),
    /** A crisis line to call or text (988 in the US) when low mood or self-harm was reported; else null. */
    crisisLine: z.string().nullable(),
    message: z.string(),
  }),
});
export type SideEffectResponse = z.infer<typeof sideEffectResponseSchema>;

export const careAlertSchema = z.object({
  id: z.string(),
  kind: z.literal('urgent-side-effect'),
  patientId: z.string(),
  patientName: z.string(),
  /** So whoever sees the alert can call at once (contact details are demographics: all staff). */
  patientPhone: z.string().nullable(),
  patientEmail: z.string(),
  reportId: z.string(),
  createdAt: z.number(),
  /** Urgent reasons; only for clinical roles (front desk sees that an alert exists, not why). */
  reasons: z.array(z.string()).nullable(),
  acknowledgedAt: z.number().nullable(),
});
export type CareAlert = z.infer<typeof careAlertSchema>;

/** A report under monitoring, for the staff Today page (no clinical detail: the desk sees it too). */
export const sideEffectFollowUpSchema = z.object({
  reportId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  followUpAt: z.number(),
});
export type SideEffectFollowUp = z.infer<typeof sideEffectFollowUpSchema>;

export const sideEffectStatsSchema = z.object({
  from: z.number().nullable(),
  to: z.number().nullable(),
  rows: z.array(
    z.object({
      treatmentSlug: z.string(),
      sessions: z.number(),
      reports: z.number(),
      urgent: z.number(),
      /** Reports per signed session, 0–n; null when no sessions were recorded. */
      reportsPerSession: z.number().nullable(),
      urgentPerSession: z.number().nullable(),
    }),
  ),
});

export const careSettingsSchema = z.strictObject({
  requireConsultationBeforeProcedure: z.boolean(),
  sideEffectReviewHours: z.number().int().min(1).max(168),
});
export type CareSettings = z.infer<typeof careSettingsSchema>;
