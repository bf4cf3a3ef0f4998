import { z } from 'zod';

// What every care pathway contract shares. Instants are epoch ms on the wire, like every other feature.

export const treatmentSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens');

export const text = (max: number) => z.string().trim().max(max);
export const optionalText = (max: number) => text(max).optional();
// Within 1970–2200: a far-off instant is a typing mistake and cannot be shown as a date again.
export const epochMs = z.number().int().min(0).max(7_258_118_400_000);

export const patientSubParamsSchema = z.strictObject({
  id: z.string().min(1).max(100),
  sid: z.string().min(1).max(100),
});
