import {
  measurementAgreementSchema,
  measurementHairsSchema,
  measurementSchema,
  measurementVerificationSchema,
  photoIdParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { recordScope, scopedRecord } from '../../lib/patient-scope';
import { audit } from '../audit/audit.service';
import { buildAgreement } from './build-agreement';
import { loadHairList, reviewablePhoto } from './hair-list';
import {
  findAutomaticMeasurement,
  findMeasurementRow,
  findUserName,
  listVerifiedPairs,
  toMeasurement,
} from './measurements.repository';
import type { MeasurementTable } from './measurements.table';
import { verifyMeasurement } from './verify-measurement';

/** Hair lists, hair-by-hair verification and the clinic's automatic-vs-verified agreement. */
export async function verificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({
    db: app.deps.db.kysely,
    storage: app.deps.storage,
    clock: app.deps.clock,
    app: app.deps,
  });

  r.get(
    '/api/measurements/agreement',
    {
      config: { access: ['clinician', 'admin'] },
      schema: { tags: ['measurements'], response: { 200: measurementAgreementSchema } },
    },
    async (req) => {
      // Counts only, no patient: one audit entry for the clinic-wide read.
      await audit(req, { action: 'measurement.agreement.read', resource: 'measurement' });
      return buildAgreement(await listVerifiedPairs(app.deps.db.kysely));
    },
  );

  r.get(
    '/api/measurements/:id/hairs',
    {
      config: {
        access: 'authenticated',
        patient: {
          resolve: async (deps, req) =>
            recordScope(await findMeasurementRow(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Measurement',
          scope: 'clinical',
          mode: 'read',
          action: 'measurement.hairs.read',
          resource: 'measurement',
        },
      },
      schema: {
        tags: ['measurements'],
        params: photoIdParamsSchema,
        response: { 200: measurementHairsSchema },
      },
    },
    async (req) => {
      const db = app.deps.db.kysely;
      const m = scopedRecord<MeasurementTable>(req);
      const photo = await reviewablePhoto(db, m);
      const list = await loadHairList(deps(), m);
      const measurement = toMeasurement(m);
      return {
        measurementId: m.id,
        patientId: m.patient_id,
        source: m.source,
        photoId: photo.id,
        correctsId: m.corrects_id,
        width: Number(photo.width),
        height: Number(photo.height),
        umPerPx: Number(photo.um_per_px),
        areaCm2: measurement.areaCm2,
        hairCount: measurement.hairCount,
        densityPerCm2: measurement.densityPerCm2,
        engineVersion: list.engineVersion ?? m.engine_version,
        quality: measurement.quality,
        verifiedBy: m.verified_by ?? null,
        verifiedByName: m.verified_by ? await findUserName(db, m.verified_by) : null,
        verifiedAt: m.verified_at === null || m.verified_at === undefined ? null : Number(m.verified_at),
        note: m.source === 'verified' ? m.reason : null,
        hairs: list.hairs.map((h) => ({
          x: h.x,
          y: h.y,
          diameterUm: h.diameterUm,
          class: h.class,
          origin: h.origin,
        })),
      };
    },
  );

  r.post(
    '/api/measurements/:id/verification',
    {
      config: {
        access: ['clinician'],
        patient: {
          // Verifying from a verified (or corrected) value still reviews the one automatic measurement.
          resolve: async (deps, req) =>
            recordScope(await findAutomaticMeasurement(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Measurement',
          scope: 'clinical',
          mode: 'write',
          action: 'measurement.verify',
          resource: 'measurement',
        },
      },
      schema: {
        tags: ['measurements'],
        params: photoIdParamsSchema,
        body: measurementVerificationSchema,
        response: { 201: measurementSchema },
      },
    },
    async (req, reply) => {
      const target = scopedRecord<MeasurementTable>(req);
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
      const row = await verifyMeasurement(
        deps(),
        { userId: req.actor.userId, role: req.actor.role, ip: req.ip },
        target,
        req.body,
      );
      return reply.code(201).send(toMeasurement(row));
    },
  );
}
