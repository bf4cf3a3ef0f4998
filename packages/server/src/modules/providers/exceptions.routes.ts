import {
  adminIdParamsSchema,
  exceptionInputSchema,
  scheduleConflictSchema,
  scheduleExceptionSchema,
} from '@anagen/core/contracts';
import { utcToLocal } from '@anagen/core/scheduling';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../audit/audit.service';
import { addDays } from '../locations/schedule-conflicts';
import { addException, previewException, providerZoneOrThrow } from './add-exception';
import { listExceptions } from './providers.repository';
import { removeException } from './remove-exception';

const ADMIN = { access: ['admin'] as const };
const conflictsSchema = z.array(scheduleConflictSchema);
const exceptionParams = z.strictObject({
  id: z.string().min(1).max(100),
  exceptionId: z.string().min(1).max(200),
});

export async function exceptionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/admin/providers/:id/exceptions',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: 'Exceptions from 30 days ago onwards.',
        params: adminIdParamsSchema,
        response: { 200: z.array(scheduleExceptionSchema) },
      },
    },
    async (req) => {
      const zone = await providerZoneOrThrow(db(), req.params.id);
      const today = utcToLocal(zone, app.deps.clock.now()).date;
      return listExceptions(db(), req.params.id, addDays(today, -30));
    },
  );

  r.post(
    '/api/admin/providers/:id/exceptions/preview',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: 'Booked appointments an exception would conflict with, before saving it.',
        params: adminIdParamsSchema,
        body: exceptionInputSchema,
        response: { 200: z.object({ conflicts: conflictsSchema }) },
      },
    },
    async (req) => previewException(app.deps, { providerId: req.params.id, exception: req.body }),
  );

  r.post(
    '/api/admin/providers/:id/exceptions',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description:
          'Adds time off or extra hours; availability changes at once. Booked appointments in the time off are ' +
          'listed in `conflicts` (they are not cancelled automatically).',
        params: adminIdParamsSchema,
        body: exceptionInputSchema,
        response: { 201: z.object({ exception: scheduleExceptionSchema, conflicts: conflictsSchema }) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await addException(app.deps, auditActorOf(req), { providerId: req.params.id, exception: req.body }),
        ),
  );

  r.delete(
    '/api/admin/providers/:id/exceptions/:exceptionId',
    { config: ADMIN, schema: { tags: ['admin'], params: exceptionParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeException(app.deps, auditActorOf(req), req.params);
      return reply.code(204).send(null);
    },
  );
}
