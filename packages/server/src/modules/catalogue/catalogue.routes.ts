import {
  adminAppointmentTypeSchema,
  adminIdParamsSchema,
  adminResourceSchema,
  appointmentTypeInputSchema,
  resourceInputSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { auditActorOf } from '../audit/audit.service';
import { isUniqueViolation } from '../auth/auth.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist, fieldConflict } from '../clinic/references';
import {
  listAppointmentTypes,
  listResources,
  saveAppointmentType,
  saveResource,
} from './catalogue.repository';

const ADMIN = { access: ['admin'] as const };

export async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  async function resource(id: string) {
    const found = (await listResources(db())).find((x) => x.id === id);
    if (!found) throw notFound('Room or resource');
    return found;
  }
  async function type(id: string) {
    const [t] = await listAppointmentTypes(db(), id);
    if (!t) throw notFound('Appointment type');
    return t;
  }

  async function saveResourceAudited(
    req: FastifyRequest,
    id: string,
    body: z.infer<typeof resourceInputSchema>,
    isNew: boolean,
  ) {
    await db()
      .transaction()
      .execute(async (trx) => {
        await assertExist(trx, 'locations', [body.locationId], 'body.locationId', 'location');
        await saveResource(trx, id, body, isNew);
        await auditChange(
          auditActorOf(req),
          trx,
          isNew ? 'resource.create' : 'resource.update',
          'resource',
          id,
          body,
        );
      });
  }

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
    async (req, reply) => {
      const id = newId();
      await saveResourceAudited(req, id, req.body, true);
      return reply.code(201).send(await resource(id));
    },
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
    async (req) => {
      await resource(req.params.id);
      await saveResourceAudited(req, req.params.id, req.body, false);
      return resource(req.params.id);
    },
  );

  async function saveType(
    req: FastifyRequest,
    id: string,
    body: z.infer<typeof appointmentTypeInputSchema>,
    isNew: boolean,
  ) {
    try {
      await db()
        .transaction()
        .execute(async (trx) => {
          await assertExist(trx, 'providers', body.providerIds, 'body.providerIds', 'provider');
          await assertExist(trx, 'resources', body.resourceIds, 'body.resourceIds', 'room or resource');
          await saveAppointmentType(trx, id, body, isNew);
          await auditChange(
            auditActorOf(req),
            trx,
            isNew ? 'appointment-type.create' : 'appointment-type.update',
            'appointment-type',
            id,
            body,
          );
        });
    } catch (err) {
      if (isUniqueViolation(err))
        throw fieldConflict('body.slug', 'Another appointment type already uses this slug');
      throw err;
    }
  }

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
    async (req, reply) => {
      const id = newId();
      await saveType(req, id, req.body, true);
      return reply.code(201).send(await type(id));
    },
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
    async (req) => {
      await type(req.params.id);
      await saveType(req, req.params.id, req.body, false);
      return type(req.params.id);
    },
  );
}
