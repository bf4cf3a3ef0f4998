import { z } from 'zod';
import { optionalText, text, treatmentSlugSchema } from './care-fields';

// Treatment plans.
export const PLAN_STATUSES = ['proposed', 'active', 'completed', 'stopped'] as const;

export const newPlanSchema = z.strictObject({
  treatmentSlug: treatmentSlugSchema,
  sessionsPlanned: z.number().int().min(1).max(24),
  intervalWeeks: z.number().int().min(1).max(52),
  /** Weeks between maintenance sessions after the course; omit when none is planned. */
  maintenanceIntervalWeeks: z.number().int().min(1).max(104).optional(),
  maintenanceNote: optionalText(500),
  goal: text(1000).min(1),
  status: z.enum(PLAN_STATUSES).default('active'),
});
export const updatePlanSchema = z.strictObject({
  status: z.enum(PLAN_STATUSES).optional(),
  goal: text(1000).min(1).optional(),
  sessionsPlanned: z.number().int().min(1).max(24).optional(),
  intervalWeeks: z.number().int().min(1).max(52).optional(),
  maintenanceIntervalWeeks: z.number().int().min(1).max(104).nullable().optional(),
  maintenanceNote: text(500).nullable().optional(),
});
export const planSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  treatmentSlug: z.string(),
  sessionsPlanned: z.number(),
  intervalWeeks: z.number(),
  maintenanceIntervalWeeks: z.number().nullable(),
  maintenanceNote: z.string().nullable(),
  goal: z.string(),
  status: z.enum(PLAN_STATUSES),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  progress: z.object({
    completed: z.number(),
    planned: z.number(),
    next: z.number().nullable(),
    label: z.string(),
  }),
});
export type Plan = z.infer<typeof planSchema>;
export type NewPlan = z.input<typeof newPlanSchema>;
