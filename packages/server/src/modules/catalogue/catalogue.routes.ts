import {
  adminAppointmentTypeSchema,
  adminIdParamsSchema,
  adminResourceSchema,
  appointmentTypeInputSchema,
  resourceInputSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../audit/audit.service';
import { listAppointmentTypes, listResources } from './catalogue.repository';
import { createAppointmentType, updateAppointmentType } from './save-appointment-type';
import { createResource, updateResource } from './save-resource';

const ADMIN = { access: ['admin'] as const };

export async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/admin/resources',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: z.array(adminResourceSchema) } } },
    async () => listResources(db()),
  );
  r.post(
    '/api/admin/resources',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: resourceInputSchema, response: { 201: adminResourceSchema } },
    },
    async (req, reply) => reply.code(201).send(await createResource(app.deps, auditActorOf(req), req.body)),
  );
  r.put(
    '/api/admin/resources/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        params: adminIdParamsSchema,
        body: resourceInputSchema,
        response: { 200: adminResourceSchema },
      },
    },
    async (req) => updateResource(app.deps, auditActorOf(req), { id: req.params.id, resource: req.body }),
  );

  r.get(
    '/api/admin/appointment-types',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: 'Every appointment type, staff-only and inactive ones included.',
        response: { 200: z.array(adminAppointmentTypeSchema) },
      },
    },
    async () => listAppointmentTypes(db()),
  );
  r.post(
    '/api/admin/appointment-types',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        body: appointmentTypeInputSchema,
        response: { 201: adminAppointmentTypeSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createAppointmentType(app.deps, auditActorOf(req), req.body)),
  );
  r.put(
    '/api/admin/appointment-types/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        params: adminIdParamsSchema,
        body: appointmentTypeInputSchema,
        response: { 200: adminAppointmentTypeSchema },
      },
    },
    async (req) => updateAppointmentType(app.deps, auditActorOf(req), { id: req.params.id, type: req.body }),
  );
}
