import { z } from 'zod';
import { SCALP_ZONES } from '../care/scalp-zones';
import { epochMs, optionalText, text, treatmentSlugSchema } from './care-fields';

// Session records: what was done at a treatment session, with addenda.
const ml = z.number().min(0).max(500);

/** Structured preparation details; `kind` says which treatment's fields apply. */
export const sessionPreparationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('prp'),
    bloodDrawnMl: ml,
    spinProtocol: text(200).min(1),
    finalVolumeMl: ml,
    activation: optionalText(200),
  }),
  z.strictObject({
    kind: z.literal('adipose'),
    harvestSite: text(200).min(1),
    harvestVolumeMl: ml,
    processing: optionalText(300),
  }),
  z.strictObject({
    kind: z.literal('exosome'),
    product: text(200).min(1),
    dose: text(100).min(1),
  }),
  z.strictObject({ kind: z.literal('other'), description: text(1000).min(1) }),
]);
export type SessionPreparation = z.infer<typeof sessionPreparationSchema>;

export const injectionMapSchema = z
  .array(z.strictObject({ zone: z.enum(SCALP_ZONES), volumeMl: z.number().gt(0).max(50) }))
  .max(SCALP_ZONES.length)
  .refine((m) => new Set(m.map((z) => z.zone)).size === m.length, 'Each zone may appear once');
export type InjectionMap = z.infer<typeof injectionMapSchema>;

export const productLotSchema = z.strictObject({ name: text(200).min(1), lot: text(100).min(1) });

const sessionFields = {
  planId: z.string().min(1).max(100).optional(),
  appointmentId: z.string().min(1).max(100).optional(),
  providerId: z.string().min(1).max(100),
  treatmentSlug: treatmentSlugSchema,
  performedAt: epochMs,
  products: z.array(productLotSchema).max(20).default([]),
  preparation: sessionPreparationSchema.optional(),
  anaesthesia: optionalText(500),
  injectionMap: injectionMapSchema.default([]),
  notes: optionalText(5000),
};
export const newSessionSchema = z.strictObject(sessionFields);
export const updateSessionSchema = z.strictObject({
  providerId: sessionFields.providerId.optional(),
  performedAt: epochMs.optional(),
  products: z.array(productLotSchema).max(20).optional(),
  preparation: sessionPreparationSchema.optional(),
  anaesthesia: optionalText(500),
  injectionMap: injectionMapSchema.optional(),
  notes: optionalText(5000),
});
export const addendumRequestSchema = z.strictObject({ text: text(5000).min(1) });
export const addendumSchema = z.object({
  id: z.string(),
  text: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
});
export const sessionRecordSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  providerId: z.string(),
  providerName: z.string().nullable(),
  treatmentSlug: z.string(),
  performedAt: z.number(),
  products: z.array(z.object({ name: z.string(), lot: z.string() })),
  preparation: sessionPreparationSchema.nullable(),
  anaesthesia: z.string().nullable(),
  injectionMap: z.array(z.object({ zone: z.enum(SCALP_ZONES), volumeMl: z.number() })),
  totalVolumeMl: z.number(),
  notes: z.string().nullable(),
  status: z.enum(['draft', 'signed']),
  signedAt: z.number().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  createdAt: z.number(),
  addenda: z.array(addendumSchema),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type NewSession = z.input<typeof newSessionSchema>;
