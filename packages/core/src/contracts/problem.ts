import { z } from 'zod';

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z.object({
  type: z.string().optional(),
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  code: z.string().optional(),
  /** One entry per invalid field: `field` is the form's key (`patient.email`, `from`), `message` plain words. */
  errors: z
    .array(z.object({ path: z.string(), field: z.string().optional(), message: z.string() }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
