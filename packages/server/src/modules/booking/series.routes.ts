import { STAFF_ROLES } from '@anagen/core/access';
import {
  createSeriesSchema,
  seriesProposalRequestSchema,
  seriesProposalSchema,
  seriesSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bookTreatmentSeries, proposeTreatmentSeries } from './book-series';

/** Treatment series (e.g. 3 PRP sessions 4 weeks apart ± 3 days): propose, then book all or none. */
export async function seriesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/appointments/series/proposal',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['appointments'],
        body: seriesProposalRequestSchema,
        response: { 200: seriesProposalSchema },
      },
    },
    async (req) => proposeTreatmentSeries(app.deps, req.actor, req.body),
  );

  r.post(
    '/api/appointments/series',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['appointments'], body: createSeriesSchema, response: { 201: seriesSchema } },
    },
    async (req, reply) =>
      reply.code(201).send(await bookTreatmentSeries(app.deps, req.actor, { body: req.body, ip: req.ip })),
  );
}
