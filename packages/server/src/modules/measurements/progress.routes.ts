import {
  compareQuerySchema,
  compareSchema,
  patientIdParamsSchema,
  progressQuerySchema,
  progressSchema,
  type ReferenceBand,
} from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getEvidenceLibrary } from '../../../../../content';
import { AppError, notFound } from '../../errors';
import { findPatientUserId, findPhotoRow, listPhotoRows, toPhoto } from '../photos/photos.repository';
import { buildSiteSeries, monthsBetween } from './build-progress';
import { compareDeltas } from './compare-deltas';
import { listMeasurementRows } from './measurements.repository';
import { planTreatmentSlug } from './patient-treatment';
import { comparableTreatments, referenceBandFor } from './reference-bands';
import { UNCERTAINTY_METHOD } from './uncertainty';

function library(): EvidenceLibrary | null {
  try {
    return getEvidenceLibrary();
  } catch {
    return null; // content mid-edit: charts still work, without bands
  }
}

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/patients/:id/progress',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'progress.read',
          resource: 'measurement',
        },
      },
      schema: {
        tags: ['measurements'],
        params: patientIdParamsSchema,
        querystring: progressQuerySchema,
        response: { 200: progressSchema },
      },
    },
    async (req) => {
      const patientId = req.params.id;
      const db = app.deps.db.kysely;
      const lib = library();
      const planSlug = await planTreatmentSlug(db, patientId);
      const slug = req.query.treatment ?? planSlug;
      const entry = slug ? lib?.treatments.find((t) => t.slug === slug) : undefined;
      const bands: ReferenceBand[] = [];
      const band = entry ? referenceBandFor(entry) : null;
      if (band) bands.push(band);
      return {
        patientId,
        treatment: slug
          ? {
              slug,
              name: entry?.name ?? slug,
              source: req.query.treatment ? ('query' as const) : ('plan' as const),
            }
          : null,
        comparableTreatments: lib ? comparableTreatments(lib) : [],
        sites: buildSiteSeries(await listMeasurementRows(db, patientId), bands),
        referenceBands: bands,
        uncertaintyMethod: UNCERTAINTY_METHOD,
      };
    },
  );

  r.get(
    '/api/patients/:id/compare',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'photo.compare',
          resource: 'photo',
        },
      },
      schema: {
        tags: ['photos'],
        params: patientIdParamsSchema,
        querystring: compareQuerySchema,
        response: { 200: compareSchema },
      },
    },
    async (req) => {
      const patientId = req.params.id;
      const db = app.deps.db.kysely;
      const [a, b] = await Promise.all([findPhotoRow(db, req.query.a), findPhotoRow(db, req.query.b)]);
      // A photo of another patient is simply not found here.
      if (!a || !b || a.patient_id !== patientId || b.patient_id !== patientId) throw notFound('Photo');
      if (a.view !== req.query.view || b.view !== req.query.view) {
        throw new AppError('VALIDATION_FAILED', 'Both photos must be of the chosen view.');
      }
      // Close-ups of two scalp sites side by side would read as a change that is not there.
      if (req.query.view === 'trichoscopy' && a.site !== b.site) {
        throw new AppError('VALIDATION_FAILED', 'Both close-ups must be of the same scalp site.');
      }
      // Close-ups are compared per scalp site, so their baseline is the first close-up of that site.
      const sameSeries = (await listPhotoRows(db, patientId, req.query.view)).filter(
        (p) => req.query.view !== 'trichoscopy' || p.site === a.site,
      );
      const baseline = Number((sameSeries[0] ?? a).taken_at);
      const rows = await listMeasurementRows(db, patientId);
      const userId = await findPatientUserId(db, patientId);
      return {
        view: req.query.view,
        baselineAt: new Date(baseline).toISOString(),
        a: { photo: toPhoto(a, userId), monthsSinceBaseline: monthsBetween(baseline, Number(a.taken_at)) },
        b: { photo: toPhoto(b, userId), monthsSinceBaseline: monthsBetween(baseline, Number(b.taken_at)) },
        monthsBetween: monthsBetween(Number(a.taken_at), Number(b.taken_at)),
        deltas: compareDeltas(rows, a, b),
      };
    },
  );
}
