import { z } from 'zod';

/** What a document in a patient's chart is. */
export const DOCUMENT_KINDS = ['referral', 'lab-result', 'letter', 'imaging', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  referral: 'Referral',
  'lab-result': 'Lab result',
  letter: 'Letter',
  imaging: 'Imaging report',
  other: 'Other',
};

/** The text fields of `POST /api/patients/:id/documents` (multipart, with the file in `file`). */
export const documentUploadFieldsSchema = z.strictObject({
  title: z.string().trim().min(1, 'Give the document a title').max(200, 'At most 200 characters'),
  kind: z.enum(DOCUMENT_KINDS, 'Choose what kind of document this is'),
});
export type DocumentUploadFields = z.infer<typeof documentUploadFieldsSchema>;

export const patientDocumentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  /** application/pdf, image/jpeg or image/png. */
  mime: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  uploadedByName: z.string().nullable(),
  /** The user who filed it (a patient may remove what they filed themselves). */
  uploadedById: z.string().nullable(),
  /** Download address (an attachment, never cached). */
  fileUrl: z.string(),
});
export type PatientDocument = z.infer<typeof patientDocumentSchema>;

export const documentIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const documentDeletionSchema = z.strictObject({
  reason: z.string().trim().min(3, 'Say why, in a few words').max(500),
});
