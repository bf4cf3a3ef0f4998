import {
  treatmentPriceSchema,
  treatmentPriceUpdateSchema,
  treatmentSlugParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../audit/audit.service';
import { currentTreatmentPrices } from './treatment-prices.service';
import { updateTreatmentPrice } from './update-treatment-price';

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
    async (req) =>
      updateTreatmentPrice(app.deps, auditActorOf(req), { slug: req.params.slug, price: req.body }),
  );
}
