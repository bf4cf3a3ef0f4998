import {
  adminIdParamsSchema,
  adminLocationSchema,
  closureInputSchema,
  locationInputSchema,
  scheduleConflictSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../audit/audit.service';
import { closeLocation, previewClosure, removeClosure } from './close-location';
import { listLocations } from './locations.repository';
import { createLocation, updateLocation } from './save-location';

const ADMIN = { access: ['admin'] as const };
const closureParams = z.strictObject({
  id: z.string().min(1).max(100),
  closureId: z.string().min(1).max(100),
});

export async function locationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/admin/locations',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: z.array(adminLocationSchema) } } },
    async () => listLocations(db()),
  );

  r.post(
    '/api/admin/locations',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: locationInputSchema, response: { 201: adminLocationSchema } },
    },
    async (req, reply) => reply.code(201).send(await createLocation(app.deps, auditActorOf(req), req.body)),
  );

  r.put(
    '/api/admin/locations/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        params: adminIdParamsSchema,
        body: locationInputSchema,
        response: { 200: adminLocationSchema },
      },
    },
    async (req) => updateLocation(app.deps, auditActorOf(req), { id: req.params.id, location: req.body }),
  );

  r.post(
    '/api/admin/locations/:id/closures/preview',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: 'Booked appointments a closure would fall on, before saving it.',
        params: adminIdParamsSchema,
        body: closureInputSchema,
        response: { 200: z.object({ conflicts: z.array(scheduleConflictSchema) }) },
      },
    },
    async (req) => previewClosure(app.deps, { locationId: req.params.id, closure: req.body }),
  );

  r.post(
    '/api/admin/locations/:id/closures',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description:
          'Closes the location on the given days: providers there get a day off, so no new slots are offered. ' +
          'Booked appointments on those days are listed in `conflicts`; they are not cancelled automatically.',
        params: adminIdParamsSchema,
        body: closureInputSchema,
        response: {
          201: z.object({ location: adminLocationSchema, conflicts: z.array(scheduleConflictSchema) }),
        },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await closeLocation(app.deps, auditActorOf(req), { locationId: req.params.id, closure: req.body }),
        ),
  );

  r.delete(
    '/api/admin/locations/:id/closures/:closureId',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: closureParams, response: { 200: adminLocationSchema } },
    },
    async (req) => removeClosure(app.deps, auditActorOf(req), req.params),
  );
}
