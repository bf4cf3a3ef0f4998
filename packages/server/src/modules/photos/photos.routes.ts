import {
  patientIdParamsSchema,
  photoIdParamsSchema,
  photoListQuerySchema,
  photoSchema,
  photoUploadFieldsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError, notFound, validationError } from '../../errors';
import { decodeSlots } from '../../lib/decode-slots';
import { type PatientResolved, recordScope, scopedRecord } from '../../lib/patient-scope';
import { audit } from '../audit/audit.service';
import { requireUploadsAllowed, takeUploadQuota } from '../uploads/upload-policy';
import { deletePhoto, photoDeletionSchema } from './delete-photo';
import { findPatientUserId, findPhotoRow, listPhotoRows, toPhoto } from './photos.repository';
import type { PhotoTable } from './photos.table';
import { readUpload } from './read-upload';
import { storePhoto } from './store-photo';

export async function photosRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/patients/:id/photos',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'write',
          action: 'photo.upload',
          resource: 'photo',
        },
      },
      schema: {
        tags: ['photos'],
        params: patientIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: photoSchema },
      },
    },
    async (req, reply) => {
      const patientId = req.params.id;
      await requireUploadsAllowed(req);
      const { fields, file } = await readUpload(req);
      const parsed = photoUploadFieldsSchema.safeParse(fields);
      if (!parsed.success) throw validationError(parsed.error);
      if (!file || file.length === 0) throw fieldError('image', 'an image file is required');
      await takeUploadQuota(req, file.length);
      const now = app.deps.clock.now();
      const takenAt = parsed.data.takenAt ?? now;
      const row = await decodeSlots(app.deps).run(() =>
        storePhoto(
          {
            db: app.deps.db.kysely,
            storage: app.deps.storage,
            now,
            alongside: (trx, stored) =>
              audit(
                req,
                { action: 'photo.create', resource: 'photo', resourceId: stored.id, patientId },
                trx,
              ),
          },
          {
            patientId,
            view: parsed.data.view,
            site: parsed.data.site ?? null,
            umPerPx: parsed.data.umPerPx ?? null,
            takenAt,
            uploadedBy: req.actor?.userId ?? null,
            file,
          },
        ),
      );
      return reply.code(201).send(toPhoto(row, await findPatientUserId(app.deps.db.kysely, patientId)));
    },
  );

  r.get(
    '/api/patients/:id/photos',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'photo.list',
          resource: 'photo',
        },
      },
      schema: {
        tags: ['photos'],
        params: patientIdParamsSchema,
        querystring: photoListQuerySchema,
        response: { 200: z.array(photoSchema) },
      },
    },
    async (req) => {
      const userId = await findPatientUserId(app.deps.db.kysely, req.params.id);
      return (await listPhotoRows(app.deps.db.kysely, req.params.id, req.query.view)).map((p) =>
        toPhoto(p, userId),
      );
    },
  );

  const serve =
    (kind: 'image' | 'thumbnail' | 'original') =>
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const row = scopedRecord<PhotoTable>(req);
      const key = kind === 'image' ? row.image_key : kind === 'thumbnail' ? row.thumb_key : row.original_key;
      const data = await app.deps.storage.get(key);
      if (!data) throw notFound('Photo file');
      // Clinical photos stay out of shared caches and off the disk of a shared computer.
      reply
        .header('cache-control', 'private, no-store')
        .header(
          'content-type',
          kind === 'image' ? row.mime : kind === 'thumbnail' ? 'image/jpeg' : row.original_mime,
        );
      if (kind === 'original') {
        reply.header('content-disposition', `attachment; filename="original-${row.id}"`);
      }
      return reply.send(data);
    };

  for (const kind of ['image', 'thumbnail'] as const) {
    r.get(
      `/api/photos/:id/${kind}`,
      {
        config: { access: 'authenticated', patient: photoView(kind) },
        schema: { tags: ['photos'], params: photoIdParamsSchema },
      },
      serve(kind),
    );
  }
  // The untouched upload (with whatever metadata it carried) is kept for audit: staff only.
  r.get(
    '/api/photos/:id/original',
    {
      config: { access: ['clinician', 'admin'], patient: photoView('original') },
      schema: { tags: ['photos'], params: photoIdParamsSchema },
    },
    serve('original'),
  );

  // Removing a photo filed by mistake; its reason stays in the audit log (see deletePhoto).
  r.delete(
    '/api/photos/:id',
    {
      config: {
        access: ['patient', 'clinician'],
        patient: {
          resolve: async (deps, req) =>
            recordScope(await findPhotoRow(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Photo',
          hiddenAs: 'Photo',
          scope: (req) => (req.actor?.role === 'patient' ? 'patient-input' : 'clinical'),
          mode: 'write',
          action: 'photo.delete',
          resource: 'photo',
        },
      },
      schema: { tags: ['photos'], params: photoIdParamsSchema, body: photoDeletionSchema },
    },
    async (req, reply) => {
      await deletePhoto(app.deps, req.actor!, {
        row: scopedRecord<PhotoTable>(req),
        reason: req.body.reason,
        ip: req.ip,
      });
      return reply.code(204).send();
    },
  );

  /** A photo file's view: its patient's clinical record, read; to a patient, another's photo is not there. */
  function photoView(kind: 'image' | 'thumbnail' | 'original'): PatientResolved {
    return {
      resolve: async (deps, req) => {
        const id = (req.params as { id: string }).id;
        const row = await findPhotoRow(deps.db.kysely, id);
        if (!row) await audit(req, { action: `photo.${kind}.missing`, resource: 'photo', resourceId: id });
        return recordScope(row);
      },
      notFound: 'Photo',
      hiddenAs: 'Photo',
      scope: 'clinical',
      mode: 'read',
      action: `photo.${kind}.view`,
      resource: 'photo',
    };
  }
}
