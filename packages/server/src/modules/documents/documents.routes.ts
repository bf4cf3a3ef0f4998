import {
  documentDeletionSchema,
  documentIdParamsSchema,
  documentUploadFieldsSchema,
  patientDocumentSchema,
  patientIdParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError, notFound, validationError } from '../../errors';
import { type PatientResolved, scopedRecord } from '../../lib/patient-scope';
import { readUpload } from '../photos/read-upload';
import { requireUploadsAllowed, takeUploadQuota } from '../uploads/upload-policy';
import { type DocumentRow, findDocumentRow, listPatientDocumentRows } from './documents.repository';
import { fileDocument, toDocument } from './file-document';
import { removeDocument } from './remove-document';

/** A file name for the download: the title's letters and digits, then the stored type's extension. */
function downloadName(title: string, mime: string): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'document';
  const ext = mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : 'jpg';
  return `${base}.${ext}`;
}

/**
 * Letters, referrals, lab results and other documents in a patient's chart. Clinicians file and
 * remove them; a patient files their own (and may remove what they filed); admins and the patient
 * read them. Every list, download, upload and removal is audited
 * with the patient (through the routes' `config.patient`).
 */
export async function documentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  /** A document's patient, checked before the handler: the caller may `mode` its clinical record. */
  function documentScope(mode: 'read' | 'write', action: string): PatientResolved {
    return {
      resolve: async (deps, req) => {
        const row = await findDocumentRow(deps.db.kysely, (req.params as { id: string }).id);
        // A patient may remove only what they filed themselves; to them anything else is not there.
        if (
          row &&
          req.actor?.role === 'patient' &&
          mode === 'write' &&
          row.uploaded_by !== req.actor.userId
        ) {
          throw notFound('Document');
        }
        return row ? { patientId: row.patient_id, resourceId: row.id, record: row } : null;
      },
      notFound: 'Document',
      // Another patient's document does not exist as far as a patient can tell.
      hiddenAs: 'Document',
      scope: (req) => (req.actor?.role === 'patient' && mode === 'write' ? 'patient-input' : 'clinical'),
      mode,
      action,
      resource: 'document',
    };
  }

  r.post(
    '/api/patients/:id/documents',
    {
      config: {
        access: ['clinician', 'patient'],
        patient: {
          from: 'params',
          key: 'id',
          scope: (req) => (req.actor?.role === 'patient' ? 'patient-input' : 'clinical'),
          mode: 'write',
          action: 'document.upload',
          resource: 'document',
        },
      },
      schema: {
        tags: ['documents'],
        description:
          'Multipart: `title`, `kind` and one `file` (PDF, JPEG or PNG, ≤ 25 MB; images are stored without metadata). Clinicians file for any patient, a patient for themself (e.g. a referral letter or results from their own doctor).',
        params: patientIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: patientDocumentSchema },
      },
    },
    async (req, reply) => {
      const patientId = req.params.id;
      await requireUploadsAllowed(req);
      const { fields, file } = await readUpload(req, 'file');
      const parsed = documentUploadFieldsSchema.safeParse(fields);
      if (!parsed.success) throw validationError(parsed.error);
      if (!file) throw fieldError('file', 'Choose a file');
      await takeUploadQuota(req, file.length);
      const document = await fileDocument(app.deps, req.actor, {
        patientId,
        title: parsed.data.title,
        kind: parsed.data.kind,
        file,
        ip: req.ip,
      });
      return reply.code(201).send(document);
    },
  );

  r.get(
    '/api/patients/:id/documents',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'document.list',
          resource: 'document',
        },
      },
      schema: {
        tags: ['documents'],
        params: patientIdParamsSchema,
        response: { 200: z.array(patientDocumentSchema) },
      },
    },
    async (req) => {
      return (await listPatientDocumentRows(db(), req.params.id)).map(toDocument);
    },
  );

  r.get(
    '/api/documents/:id/file',
    {
      config: { access: 'authenticated', patient: documentScope('read', 'document.download') },
      schema: { tags: ['documents'], params: documentIdParamsSchema },
    },
    async (req, reply) => {
      const row = scopedRecord<DocumentRow>(req);
      const data = await app.deps.storage.get(row.file_key);
      if (!data) throw notFound('Document file');
      // Clinical documents stay out of shared caches; an attachment is never rendered in our origin.
      return reply
        .type(row.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${downloadName(row.title, row.mime)}"`)
        .send(data);
    },
  );

  r.delete(
    '/api/documents/:id',
    {
      config: { access: ['clinician', 'patient'], patient: documentScope('write', 'document.delete') },
      schema: { tags: ['documents'], params: documentIdParamsSchema, body: documentDeletionSchema },
    },
    async (req, reply) => {
      await removeDocument(app.deps, req.actor, {
        row: scopedRecord<DocumentRow>(req),
        reason: req.body.reason,
        ip: req.ip,
      });
      return reply.code(204).send();
    },
  );
}
