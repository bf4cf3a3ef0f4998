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
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { auditActorOf } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { findClinic } from '../clinic/clinic.repository';
import {
  deleteClosure,
  findLocation,
  insertClosure,
  listLocations,
  saveLocation,
} from './locations.repository';
import { assertOpeningCoversProviders } from './opening-hours-check';
import { localDaysRange } from './schedule-conflicts';
import { findScheduleConflicts } from './schedule-conflicts.repository';

const ADMIN = { access: ['admin'] as const };
const closureParams = z.strictObject({
  id: z.string().min(1).max(100),
  closureId: z.string().min(1).max(100),
});

export async function locationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  async function one(id: string) {
    const found = (await listLocations(db())).find((l) => l.id === id);
    if (!found) throw notFound('Location');
    return found;
  }

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
    async (req, reply) => {
      const clinic = await findClinic(db());
      if (!clinic) throw notFound('Clinic');
      const id = newId();
      await db()
        .transaction()
        .execute(async (trx) => {
          await saveLocation(trx, id, clinic.id, req.body, true);
          await auditChange(auditActorOf(req), trx, 'location.create', 'location', id, req.body);
        });
      return reply.code(201).send(await one(id));
    },
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
    async (req) => {
      const loc = await findLocation(db(), req.params.id);
      if (!loc) throw notFound('Location');
      await db()
        .transaction()
        .execute(async (trx) => {
          await assertOpeningCoversProviders(trx, loc.id, req.body.openingHours);
          await saveLocation(trx, loc.id, '', req.body, false);
          await auditChange(auditActorOf(req), trx, 'location.update', 'location', loc.id, req.body);
        });
      return one(loc.id);
    },
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
    async (req) => {
      const loc = await findLocation(db(), req.params.id);
      if (!loc) throw notFound('Location');
      const [from, to] = localDaysRange(loc.time_zone, req.body.startDate, req.body.endDate);
      return { conflicts: await findScheduleConflicts(db(), { locationId: loc.id }, from, to) };
    },
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
    async (req, reply) => {
      const loc = await findLocation(db(), req.params.id);
      if (!loc) throw notFound('Location');
      await db()
        .transaction()
        .execute(async (trx) => {
          const id = await insertClosure(trx, loc.id, req.body, app.deps.clock.now());
          await auditChange(auditActorOf(req), trx, 'location.closure.create', 'location', loc.id, {
            closureId: id,
            ...req.body,
          });
        });
      const [from, to] = localDaysRange(loc.time_zone, req.body.startDate, req.body.endDate);
      const conflicts = await findScheduleConflicts(db(), { locationId: loc.id }, from, to);
      return reply.code(201).send({ location: await one(loc.id), conflicts });
    },
  );

  r.delete(
    '/api/admin/locations/:id/closures/:closureId',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: closureParams, response: { 200: adminLocationSchema } },
    },
    async (req) => {
      const deleted = await db()
        .transaction()
        .execute(async (trx) => {
          const ok = await deleteClosure(trx, req.params.id, req.params.closureId);
          if (ok)
            await auditChange(
              auditActorOf(req),
              trx,
              'location.closure.delete',
              'location',
              req.params.id,
              req.params,
            );
          return ok;
        });
      if (!deleted) throw notFound('Closure');
      return one(req.params.id);
    },
  );
}
