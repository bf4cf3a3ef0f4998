import { z } from 'zod';

export const patientSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.number().int(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const patientIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
