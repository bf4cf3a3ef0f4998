import { z } from 'zod';

// Preparation checklist before an appointment and post-care after it.
export const checklistItemSchema = z.object({
  id: z.string(),
  key: z.string(),
  text: z.string(),
  dueAt: z.number(),
  tickedAt: z.number().nullable(),
});
export const appointmentChecklistSchema = z.object({
  appointmentId: z.string(),
  startAt: z.number(),
  typeName: z.string(),
  treatmentSlug: z.string(),
  items: z.array(checklistItemSchema),
  done: z.number(),
  total: z.number(),
});
export type AppointmentChecklist = z.infer<typeof appointmentChecklistSchema>;
export const tickItemSchema = z.strictObject({ ticked: z.boolean() });
export const postCareSchema = z.object({
  sessionId: z.string(),
  performedAt: z.number(),
  treatmentSlug: z.string(),
  title: z.string(),
  body: z.string(),
});
export type PostCare = z.infer<typeof postCareSchema>;
