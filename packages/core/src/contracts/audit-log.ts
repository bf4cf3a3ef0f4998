import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date filter: `YYYY-MM-DD` (a day in the clinic's zone; `to` includes the whole day) or an
 * ISO-8601 instant with an offset or `Z`.
 */
export const auditDateFilterSchema = z
  .string()
  .trim()
  .max(40)
  .refine((v) => (DATE.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : isInstant(v)), {
    message: 'Use a date like 2026-11-23 or an ISO instant like 2026-11-23T16:00:00Z',
  });

function isInstant(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
}

export const auditLogQuerySchema = z.strictObject({
  patientId: z.string().trim().min(1).max(100).optional(),
  actorId: z.string().trim().min(1).max(100).optional(),
  /** Exact action, or a prefix ending at a dot boundary: `patient` matches `patient.read`. */
  action: z.string().trim().min(1).max(100).optional(),
  from: auditDateFilterSchema.optional(),
  to: auditDateFilterSchema.optional(),
  /** The `next` value of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;

export const auditLogItemSchema = z.object({
  id: z.string(),
  /** ISO-8601 UTC instant. */
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  /** For the admin screen; left out of the CSV export, which identifies patients by id only. */
  patientName: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditLogItem = z.infer<typeof auditLogItemSchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditLogItemSchema),
  next: z.string().optional(),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

/** One line of "Who accessed my record": staff only, sign-in events excluded. */
export const accessLogEntrySchema = z.object({
  /** ISO-8601 UTC instant. */
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
