import {
  adminIdParamsSchema,
  type ExceptionInput,
  exceptionInputSchema,
  scheduleConflictSchema,
  scheduleExceptionSchema,
} from '@anagen/core/contracts';
import { utcToLocal } from '@anagen/core/scheduling';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { auditActorOf } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { addDays, localDaysRange, wallInstant } from '../locations/schedule-conflicts';
import { findScheduleConflicts } from '../locations/schedule-conflicts.repository';
import { deleteException, insertException, listExceptions, providerZone } from './providers.repository';

const ADMIN = { access: ['admin'] as const };
const conflictsSchema = z.array(scheduleConflictSchema);
const exceptionParams = z.strictObject({
  id: z.string().min(1).max(100),
  exceptionId: z.string().min(1).max(200),
});

export async function exceptionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  async function zoneOf(providerId: string) {
    const p = await providerZone(db(), providerId);
    if (!p) throw notFound('Provider');
    return p.time_zone;
  }

  /** Time off takes away hours; extra hours never conflict with bookings. */
  async function conflictsOf(providerId: string, zone: string, e: ExceptionInput) {
    if (e.kind === 'extra') return [];
    const [from, to] =
      e.start && e.end
        ? [wallInstant(zone, e.date, e.start), wallInstant(zone, e.date, e.end)]
        : localDaysRange(zone, e.date, e.date);
    return findScheduleConflicts(db(), { providerIds: [providerId] }, from, to);
  }

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
      const zone = await zoneOf(req.params.id);
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
    async (req) => ({ conflicts: await conflictsOf(req.params.id, await zoneOf(req.params.id), req.body) }),
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
    async (req, reply) => {
      const zone = await zoneOf(req.params.id);
      const id = await db()
        .transaction()
        .execute(async (trx) => {
          const newId = await insertException(trx, req.params.id, req.body);
          await auditChange(auditActorOf(req), trx, 'provider.exception.create', 'provider', req.params.id, {
            exceptionId: newId,
            ...req.body,
          });
          return newId;
        });
      const conflicts = await conflictsOf(req.params.id, zone, req.body);
      const e = req.body;
      return reply.code(201).send({
        exception: {
          id,
          date: e.date,
          kind: e.kind,
          start: e.start ?? null,
          end: e.end ?? null,
          reason: e.reason ?? null,
        },
        conflicts,
      });
    },
  );

  r.delete(
    '/api/admin/providers/:id/exceptions/:exceptionId',
    { config: ADMIN, schema: { tags: ['admin'], params: exceptionParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ok = await db()
        .transaction()
        .execute(async (trx) => {
          const deleted = await deleteException(trx, req.params.id, req.params.exceptionId);
          if (deleted)
            await auditChange(
              auditActorOf(req),
              trx,
              'provider.exception.delete',
              'provider',
              req.params.id,
              req.params,
            );
          return deleted;
        });
      if (!ok) throw notFound('Exception');
      return reply.code(204).send(null);
    },
  );
}
