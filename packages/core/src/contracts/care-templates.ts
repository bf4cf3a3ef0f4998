import { z } from 'zod';
import { text, treatmentSlugSchema } from './care-fields';

// Care templates: the consent, preparation and post-care texts a clinic keeps per treatment.
export const TEMPLATE_KINDS = ['consent', 'preparation', 'post-care'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const preparationStepSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/),
  text: text(500).min(1),
  /** Hours relative to the appointment start; negative is before (−168 = 7 days before). */
  offsetHours: z
    .number()
    .min(-24 * 60)
    .max(24 * 60),
});

export const templateWriteSchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  treatmentSlug: treatmentSlugSchema,
  title: text(200).min(1),
  body: text(20_000).min(1),
  steps: z
    .array(preparationStepSchema)
    .max(30)
    .refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'Step keys must be unique')
    .optional(),
});
export const templateEditSchema = templateWriteSchema.omit({ kind: true, treatmentSlug: true });
export const careTemplateSchema = z.object({
  id: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  treatmentSlug: z.string(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  steps: z.array(z.object({ key: z.string(), text: z.string(), offsetHours: z.number() })),
  status: z.enum(['active', 'superseded', 'withdrawn']),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
});
export type CareTemplate = z.infer<typeof careTemplateSchema>;
export type TemplateWrite = z.infer<typeof templateWriteSchema>;
export const templateQuerySchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS).optional(),
  treatment: treatmentSlugSchema.optional(),
  /** Include superseded and withdrawn versions. */
  history: z.enum(['true', 'false']).default('false'),
});
