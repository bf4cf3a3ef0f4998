import { STAFF_ROLES } from '@anagen/core/access';
import {
  appointmentIdParamsSchema,
  blockSchema,
  calendarQuerySchema,
  calendarSchema,
  createBlockSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { blockTime, removeBlock } from './block-time';
import { readCalendar } from './read-calendar';

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['appointments'], querystring: calendarQuerySchema, response: { 200: calendarSchema } },
    },
    async (req) => readCalendar(app.deps, req.actor, { from: req.query.from, to: req.query.to, ip: req.ip }),
  );

  r.post(
    '/api/blocks',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['appointments'], body: createBlockSchema, response: { 201: blockSchema } },
    },
    async (req, reply) =>
      reply.code(201).send(await blockTime(app.deps, req.actor!, { block: req.body, ip: req.ip })),
  );

  r.delete(
    '/api/blocks/:id',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['appointments'], params: appointmentIdParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeBlock(app.deps, req.actor, { id: req.params.id, ip: req.ip });
      return reply.code(204).send(null);
    },
  );
}
