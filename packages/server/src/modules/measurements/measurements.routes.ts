import {
  measurementCorrectionSchema,
  measurementSchema,
  patientIdParamsSchema,
  photoIdParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { renderOverlay } from '../analyses/render-overlay';
import { audit } from '../audit/audit.service';
import { requirePatientAccess } from '../patients/patient-access';
import { findPhotoRow } from '../photos/photos.repository';
import { withAnalysisSlot } from './analysis-slot';
import { correctionRow } from './correct-measurement';
import { decodeForAnalysis } from './decode-for-analysis';
import {
  findAutomaticMeasurement,
  insertMeasurement,
  listMeasurementRows,
  toMeasurement,
} from './measurements.repository';
import { runAnalysis } from './run-analysis';

export async function measurementsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/patients/:id/measurements',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['measurements'],
        params: patientIdParamsSchema,
        response: { 200: z.array(measurementSchema) },
      },
    },
    async (req) => {
      await requirePatientAccess(req, req.params.id, {
        scope: 'clinical',
        mode: 'read',
        action: 'measurement.list',
        resource: 'measurement',
      });
      return (await listMeasurementRows(app.deps.db.kysely, req.params.id)).map(toMeasurement);
    },
  );

  r.post(
    '/api/measurements/:id/corrections',
    {
      config: { access: ['clinician'] },
      schema: {
        tags: ['measurements'],
        params: photoIdParamsSchema,
        body: measurementCorrectionSchema,
        response: { 201: measurementSchema },
      },
    },
    async (req, reply) => {
      const db = app.deps.db.kysely;
      // Correcting a correction or a verification still sits beside the one automatic value.
      const target = await findAutomaticMeasurement(db, req.params.id);
      if (!target) throw notFound('Measurement');
      await requirePatientAccess(req, target.patient_id, {
        scope: 'clinical',
        mode: 'write',
        action: 'measurement.correct',
        resource: 'measurement',
        resourceId: target.id,
      });
      if (Number(target.area_cm2) <= 0)
        throw new AppError('UNPROCESSABLE', 'This measurement has no imaged area.');
      const row = correctionRow(target, req.body, req.actor?.userId ?? null, app.deps.clock.now());
      const corrected = target;
      // The correction and its audit entry land together or not at all.
      await db.transaction().execute(async (trx) => {
        await insertMeasurement(trx, row);
        await audit(
          req,
          {
            action: 'measurement.correction.create',
            resource: 'measurement',
            resourceId: row.id,
            patientId: row.patient_id,
            detail: `corrects ${corrected.id}: hair count ${corrected.hair_count} → ${row.hair_count}`,
          },
          trx,
        );
      });
      return reply.code(201).send(toMeasurement(row));
    },
  );

  r.get(
    '/api/photos/:id/overlay',
    { config: { access: 'authenticated' }, schema: { tags: ['measurements'], params: photoIdParamsSchema } },
    async (req, reply) => {
      const photo = await findPhotoRow(app.deps.db.kysely, req.params.id);
      if (!photo) throw notFound('Photo');
      try {
        await requirePatientAccess(req, photo.patient_id, {
          scope: 'clinical',
          mode: 'read',
          action: 'photo.overlay.view',
          resource: 'photo',
          resourceId: photo.id,
        });
      } catch (err) {
        if (req.actor?.role === 'patient') throw notFound('Photo');
        throw err;
      }
      if (photo.view !== 'trichoscopy' || !photo.um_per_px) {
        throw new AppError('UNPROCESSABLE', 'Only calibrated trichoscopy photos have an analysis overlay.');
      }
      const image = await app.deps.storage.get(photo.image_key);
      if (!image) throw notFound('Photo file');
      const png = await withAnalysisSlot(app.deps, async () => {
        const input = await decodeForAnalysis(image, Number(photo.um_per_px));
        const { result, traces = [] } = await runAnalysis(input, { detailed: true });
        return renderOverlay(input, result, traces);
      });
      return reply.header('cache-control', 'private, no-store').type('image/png').send(png);
    },
  );
}
