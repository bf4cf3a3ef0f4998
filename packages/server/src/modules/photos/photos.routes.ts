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
import { AppError, fieldError, notFound, validationError } from '../../errors';
import { decodeSlots } from '../../lib/decode-slots';
import { audit } from '../audit/audit.service';
import { requirePatientAccess } from '../patients/patient-access';
import { requireUploadsAllowed, takeUploadQuota } from '../uploads/upload-policy';
import { registerDeletePhoto } from './delete-photo';
import { findPatientUserId, findPhotoRow, listPhotoRows, toPhoto } from './photos.repository';
import type { PhotoTable } from './photos.table';
import { readUpload } from './read-upload';
import { storePhoto } from './store-photo';

export async function photosRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/patients/:id/photos',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['photos'],
        params: patientIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: photoSchema },
      },
    },
    async (req, reply) => {
      const patientId = req.params.id;
      await requirePatientAccess(req, patientId, {
        scope: 'patient-input',
        mode: 'write',
        action: 'photo.upload',
        resource: 'photo',
      });
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
      config: { access: 'authenticated' },
      schema: {
        tags: ['photos'],
        params: patientIdParamsSchema,
        querystring: photoListQuerySchema,
        response: { 200: z.array(photoSchema) },
      },
    },
    async (req) => {
      await requirePatientAccess(req, req.params.id, {
        scope: 'clinical',
        mode: 'read',
        action: 'photo.list',
        resource: 'photo',
      });
      const userId = await findPatientUserId(app.deps.db.kysely, req.params.id);
      return (await listPhotoRows(app.deps.db.kysely, req.params.id, req.query.view)).map((p) =>
        toPhoto(p, userId),
      );
    },
  );

  const serve =
    (kind: 'image' | 'thumbnail' | 'original') =>
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const row = await loadPhotoFor(req, kind);
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
      { config: { access: 'authenticated' }, schema: { tags: ['photos'], params: photoIdParamsSchema } },
      serve(kind),
    );
  }
  // The untouched upload (with whatever metadata it carried) is kept for audit: staff only.
  r.get(
    '/api/photos/:id/original',
    { config: { access: ['clinician', 'admin'] }, schema: { tags: ['photos'], params: photoIdParamsSchema } },
    serve('original'),
  );

  registerDeletePhoto(app);

  async function loadPhotoFor(
    req: FastifyRequest<{ Params: { id: string } }>,
    kind: string,
  ): Promise<PhotoTable> {
    const row = await findPhotoRow(app.deps.db.kysely, req.params.id);
    if (!row) {
      await audit(req, { action: `photo.${kind}.missing`, resource: 'photo', resourceId: req.params.id });
      throw notFound('Photo');
    }
    try {
      await requirePatientAccess(req, row.patient_id, {
        scope: 'clinical',
        mode: 'read',
        action: `photo.${kind}.view`,
        resource: 'photo',
        resourceId: row.id,
      });
    } catch (err) {
      // To a patient, another patient's photo does not exist, whatever the access layer says.
      if (req.actor?.role === 'patient' && err instanceof AppError && err.code !== 'UNAUTHENTICATED') {
        throw notFound('Photo');
      }
      throw err;
    }
    return row;
  }
}
