import {
  analysisQueueSchema,
  analysisRequestFieldsSchema,
  hairAnalysisResponseSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, fieldError, notFound, validationError } from '../../errors';
import { decodeSlots } from '../../lib/decode-slots';
import { assertPatientAccess } from '../../lib/patient-scope';
import { withAnalysisSlot } from '../measurements/analysis-slot';
import { analysisQueue } from '../measurements/analysis-slot.repository';
import { decodeForAnalysis } from '../measurements/decode-for-analysis';
import { recordPhotoAnalysis } from '../measurements/record-analysis';
import { runAnalysis } from '../measurements/run-analysis';
import { findPhotoRow } from '../photos/photos.repository';
import { readUpload } from '../photos/read-upload';
import { storePhoto } from '../photos/store-photo';
import { requireUploadsAllowed, takeUploadQuota } from '../uploads/upload-policy';

/**
 * `POST /api/analyses`: runs the hair-analysis engine on an uploaded image (or a stored photo) and
 * answers the DESIGN "Hair analysis result" JSON, with `durationMs` measured here (decode + analysis).
 * Staff may analyse any image; a patient only images of their own record (`photoId` of their photo
 * or `patientId` = themself). With `store=true`, `patientId` and `site`, the image is kept as a
 * trichoscopy photo and the result as its automatic measurement (201, `Location` names the photo).
 */
export async function analysesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Counts only, no patient data: what a clinician needs to know why a measurement is not there yet.
  r.get(
    '/api/analyses/queue',
    {
      config: { access: ['clinician', 'admin'] },
      schema: { tags: ['analyses'], response: { 200: analysisQueueSchema } },
    },
    async () => {
      const limit = app.deps.config.analysisSlots;
      return { ...(await analysisQueue(app.deps.db.kysely, limit, app.deps.clock.now())), limit };
    },
  );
  r.post(
    '/api/analyses',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['analyses'],
        consumes: ['multipart/form-data'],
        response: { 200: hairAnalysisResponseSchema, 201: hairAnalysisResponseSchema },
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const { fields, file } = await readUpload(req);
      // Analysing a stored photo is not an upload; sending an image is.
      if (file) await requireUploadsAllowed(req);
      const parsed = analysisRequestFieldsSchema.safeParse(fields);
      if (!parsed.success) throw validationError(parsed.error);
      const f = parsed.data;
      const store = f.store === 'true';
      const db = app.deps.db.kysely;

      let image: Buffer;
      let umPerPx = f.umPerPx;
      if (f.photoId) {
        if (file) throw fieldError('image', 'send either an image or a photoId, not both');
        if (store) throw fieldError('store', 'a stored photo is analysed in the background already');
        const photo = await findPhotoRow(db, f.photoId);
        if (!photo) throw notFound('Photo');
        await assertPatientAccess(
          app.deps,
          req.actor,
          photo.patient_id,
          {
            scope: 'clinical',
            mode: 'read',
            action: 'analysis.run',
            resource: 'photo',
            resourceId: photo.id,
          },
          req.ip,
        ).catch((err) => {
          throw actor.role === 'patient' ? notFound('Photo') : err;
        });
        const data = await app.deps.storage.get(photo.image_key);
        if (!data) throw notFound('Photo file');
        image = data;
        umPerPx ??= photo.um_per_px === null ? undefined : Number(photo.um_per_px);
      } else {
        if (!file || file.length === 0) throw fieldError('image', 'an image file (or a photoId) is required');
        image = file;
        if (actor.role === 'patient' && f.patientId !== actor.patientId) {
          throw new AppError(
            'FORBIDDEN',
            'Patients can analyse images of their own record only (send your patientId).',
          );
        }
        if (f.patientId) {
          await assertPatientAccess(
            app.deps,
            req.actor,
            f.patientId,
            {
              scope: 'patient-input',
              mode: store ? 'write' : 'read',
              action: store ? 'analysis.store' : 'analysis.run',
              resource: 'analysis',
            },
            req.ip,
          );
        }
        if (store && (!f.patientId || !f.site)) {
          throw fieldError(f.patientId ? 'site' : 'patientId', 'is required to store an analysis');
        }
      }
      if (umPerPx === undefined) throw fieldError('umPerPx', 'is required (micrometres per pixel)');
      if (file) await takeUploadQuota(req, file.length);
      const slots = decodeSlots(app.deps);

      const { result, durationMs } = await withAnalysisSlot(app.deps, async () => {
        const started = performance.now();
        const input = await slots.run(() => decodeForAnalysis(image, umPerPx));
        try {
          const { result: analysed } = await runAnalysis(input);
          return { result: analysed, durationMs: Math.round((performance.now() - started) * 10) / 10 };
        } catch (err) {
          if (err instanceof RangeError) {
            throw new AppError('UNPROCESSABLE', `The image cannot be analysed: ${err.message}.`);
          }
          throw err;
        }
      });

      let status: 200 | 201 = 200;
      if (store && f.patientId && f.site) {
        const { patientId, site } = f;
        const now = app.deps.clock.now();
        const photo = await slots.run(() =>
          storePhoto(
            { db, storage: app.deps.storage, now },
            {
              patientId,
              view: 'trichoscopy',
              site,
              umPerPx,
              takenAt: f.takenAt ?? now,
              uploadedBy: actor.userId,
              file: image,
              analyse: false,
            },
          ),
        );
        const m = await recordPhotoAnalysis(db, photo, result, now);
        reply.header('location', `/api/photos/${photo.id}`).header('anagen-measurement-id', m.id);
        status = 201;
      }
      return reply.code(status).send({
        width: result.width,
        height: result.height,
        umPerPx: result.umPerPx,
        areaCm2: result.areaCm2,
        hairCount: result.hairCount,
        densityPerCm2: result.densityPerCm2,
        meanDiameterUm: result.meanDiameterUm,
        vellusRatio: result.vellusRatio,
        terminalRatio: result.terminalRatio,
        hairs: result.hairs.map((h) => ({ x: h.x, y: h.y, diameterUm: h.diameterUm, class: h.class })),
        durationMs,
      });
    },
  );
}
