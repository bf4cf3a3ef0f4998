import { z } from 'zod';
import { text } from './care-fields';
import { careTemplateSchema } from './care-templates';

// Consents signed by patients.
export const signConsentSchema = z.strictObject({
  templateId: z.string().min(1).max(100),
  typedName: text(200).min(1),
  /** The "I have read and agree" checkbox; anything but true is refused. */
  agreed: z.literal(true),
});
export const signedConsentSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  treatmentSlug: z.string(),
  version: z.number(),
  title: z.string(),
  signedText: z.string(),
  textSha256: z.string(),
  typedName: z.string(),
  signedAt: z.number(),
});
export type SignedConsent = z.infer<typeof signedConsentSchema>;
export const consentsOverviewSchema = z.object({
  due: z.array(careTemplateSchema.extend({ reason: z.enum(['never-signed', 'newer-version']) })),
  signed: z.array(signedConsentSchema),
});
export type ConsentsOverview = z.infer<typeof consentsOverviewSchema>;
export const consentStatusSchema = z.object({
  treatmentSlug: z.string(),
  /** False when the clinic has no active consent template for the treatment. */
  required: z.boolean(),
  currentVersion: z.number().nullable(),
  signedVersion: z.number().nullable(),
  missing: z.boolean(),
  message: z.string().nullable(),
});
export type ConsentStatus = z.infer<typeof consentStatusSchema>;
