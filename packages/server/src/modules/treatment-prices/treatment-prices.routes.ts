import {
  treatmentPriceSchema,
  treatmentPriceUpdateSchema,
  treatmentSlugParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { audit } from '../audit/audit.service';
import { upsertClinicPrice } from './treatment-prices.repository';
import { currentTreatmentPrices, isKnownPriceSlug } from './treatment-prices.service';

export async function treatmentPricesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/treatment-prices',
    {
      config: { access: 'public' },
      schema: { tags: ['treatment-prices'], response: { 200: z.array(treatmentPriceSchema) } },
    },
    async () => currentTreatmentPrices(app.deps.db.kysely),
  );

  r.put(
    '/api/treatment-prices/:slug',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['treatment-prices'],
        params: treatmentSlugParamsSchema,
        body: treatmentPriceUpdateSchema,
        response: { 200: treatmentPriceSchema },
      },
    },
    async (req) => {
      const { slug } = req.params;
      if (!isKnownPriceSlug(slug)) throw notFound('Treatment');
      const db = app.deps.db.kysely;
      const b = req.body;
      await db.transaction().execute(async (trx) => {
        await upsertClinicPrice(trx, {
          treatment_slug: slug,
          induction_sessions: b.inductionSessions,
          interval_weeks: b.intervalWeeks,
          price_per_session_cents: b.pricePerSessionCents,
          maintenance_sessions_per_year: b.maintenanceSessionsPerYear,
          monthly_medication_cents: b.monthlyMedicationCents,
          updated_by: req.actor?.userId ?? null,
          updated_at: app.deps.clock.now(),
        });
        await audit(
          req,
          {
            action: 'treatment-price.update',
            resource: 'treatment-price',
            resourceId: slug,
            detail: `session ${b.pricePerSessionCents} c × ${b.inductionSessions} + ${b.maintenanceSessionsPerYear}/yr, medication ${b.monthlyMedicationCents} c/month`,
          },
          trx,
        );
      });
      const updated = (await currentTreatmentPrices(db)).find((p) => p.treatmentSlug === slug);
      if (!updated) throw notFound('Treatment');
      return updated;
    },
  );
}
