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
import { recordScope, scopedRecord } from '../../lib/patient-scope';
import { renderOverlay } from '../analyses/render-overlay';
import { findPhotoRow } from '../photos/photos.repository';
import type { PhotoTable } from '../photos/photos.table';
import { withAnalysisSlot } from './analysis-slot';
import { correctMeasurement } from './correct-measurement';
import { decodeForAnalysis } from './decode-for-analysis';
import { findAutomaticMeasurement, listMeasurementRows, toMeasurement } from './measurements.repository';
import type { MeasurementTable } from './measurements.table';
import { runAnalysis } from './run-analysis';

export async function measurementsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/patients/:id/measurements',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'measurement.list',
          resource: 'measurement',
        },
      },
      schema: {
        tags: ['measurements'],
        params: patientIdParamsSchema,
        response: { 200: z.array(measurementSchema) },
      },
    },
    async (req) => {
      return (await listMeasurementRows(app.deps.db.kysely, req.params.id)).map(toMeasurement);
    },
  );

  r.post(
    '/api/measurements/:id/corrections',
    {
      config: {
        access: ['clinician'],
        patient: {
          // Correcting a correction or a verification still sits beside the one automatic value.
          resolve: async (deps, req) =>
            recordScope(await findAutomaticMeasurement(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Measurement',
          scope: 'clinical',
          mode: 'write',
          action: 'measurement.correct',
          resource: 'measurement',
        },
      },
      schema: {
        tags: ['measurements'],
        params: photoIdParamsSchema,
        body: measurementCorrectionSchema,
        response: { 201: measurementSchema },
      },
    },
    async (req, reply) => {
      const corrected = await correctMeasurement(app.deps, req.actor, {
        target: scopedRecord<MeasurementTable>(req),
        correction: req.body,
        ip: req.ip,
      });
      return reply.code(201).send(corrected);
    },
  );

  r.get(
    '/api/photos/:id/overlay',
    {
      config: {
        access: 'authenticated',
        patient: {
          resolve: async (deps, req) =>
            recordScope(await findPhotoRow(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Photo',
          hiddenAs: 'Photo',
          scope: 'clinical',
          mode: 'read',
          action: 'photo.overlay.view',
          resource: 'photo',
        },
      },
      schema: { tags: ['measurements'], params: photoIdParamsSchema },
    },
    async (req, reply) => {
      const photo = scopedRecord<PhotoTable>(req);
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
