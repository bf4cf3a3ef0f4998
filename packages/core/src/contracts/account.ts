import { z } from 'zod';
import { passwordSchema } from './auth';

/** Change the signed-in user's password; the new one follows the registration rules. */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(200),
  newPassword: passwordSchema,
});

export const deletionRequestBodySchema = z.strictObject({
  reason: z.string().trim().max(2000).optional(),
});

export const DELETION_REQUEST_STATUSES = ['open', 'resolved'] as const;

/** A patient's request to erase their data; the clinic reviews it against record-retention law. */
export const deletionRequestSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientEmail: z.string(),
  reason: z.string().nullable(),
  status: z.enum(DELETION_REQUEST_STATUSES),
  /** Epoch ms. */
  createdAt: z.number(),
  /** Epoch ms when the clinic was emailed; null while the email is pending or failing. */
  clinicNotifiedAt: z.number().nullable(),
  /** Epoch ms when the clinic recorded its decision. */
  resolvedAt: z.number().nullable(),
  resolutionNote: z.string().nullable(),
});

/** The clinic's decision, shown to the patient: what was deleted, what is kept and for how long. */
export const resolveDeletionRequestSchema = z.strictObject({
  note: z.string().trim().min(10, 'Tell the patient what was deleted and what is kept').max(4000),
});

export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
export type DeletionRequestBody = z.infer<typeof deletionRequestBodySchema>;
export type DeletionRequest = z.infer<typeof deletionRequestSchema>;
export type ResolveDeletionRequest = z.infer<typeof resolveDeletionRequestSchema>;
