import {
  appointmentIdParamsSchema,
  blockSchema,
  calendarQuerySchema,
  calendarSchema,
  createBlockSchema,
} from '@anagen/core/contracts';
import { DAY_MS, parseLocalDate } from '@anagen/core/scheduling';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { audit } from '../audit/audit.service';
import { iso, toCalendarEntry } from './appointment-dto';
import { listAppointmentViews } from './appointments.repository';
import { MAX_RANGE_DAYS } from './availability.routes';
import { lockRows, withBookingTransaction } from './booking-lock';

const STAFF = ['desk', 'clinician', 'admin'] as const;

const toBlock = (b: {
  id: string;
  provider_id: string | null;
  resource_id: string | null;
  start_at: number;
  end_at: number;
  reason: string | null;
}) => ({
  id: b.id,
  providerId: b.provider_id,
  resourceId: b.resource_id,
  start: iso(b.start_at),
  end: iso(b.end_at),
  reason: b.reason,
});

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const k = () => app.deps.db.kysely;

  r.get(
    '/api/calendar',
    {
      config: { access: STAFF },
      schema: { tags: ['appointments'], querystring: calendarQuerySchema, response: { 200: calendarSchema } },
    },
    async (req) => {
      const fromDay = parseLocalDate(req.query.from);
      const toDay = parseLocalDate(req.query.to);
      if (toDay < fromDay) throw new AppError('VALIDATION_FAILED', '"from" must not be after "to".');
      if (toDay - fromDay + 1 > MAX_RANGE_DAYS) {
        throw new AppError('VALIDATION_FAILED', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
      }
      const location = await k()
        .selectFrom('locations')
        .select(['id', 'time_zone'])
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!location) throw notFound('Location');
      // Wall-clock days as UTC ± 14 h cover the local days in any zone; the client places entries.
      const fromMs = fromDay * DAY_MS - 14 * 3_600_000;
      const toMs = (toDay + 1) * DAY_MS + 14 * 3_600_000;
      const [providers, resources, views, blocks] = await Promise.all([
        k()
          .selectFrom('providers')
          .select(['id', 'name'])
          .where('location_id', '=', location.id)
          .where('active', '=', 1)
          .orderBy('name')
          .execute(),
        k()
          .selectFrom('resources')
          .select(['id', 'name'])
          .where('location_id', '=', location.id)
          .orderBy('name')
          .execute(),
        listAppointmentViews(k(), { fromMs, toMs, includeCancelled: true }),
        k()
          .selectFrom('blocks')
          .selectAll()
          .where('start_at', '<', toMs)
          .where('end_at', '>', fromMs)
          .orderBy('start_at')
          .execute(),
      ]);
      await audit(req, {
        action: 'calendar.read',
        resource: 'appointment',
        detail: `${req.query.from}…${req.query.to}`,
      });
      return {
        timeZone: location.time_zone,
        providers,
        resources,
        appointments: views.map(toCalendarEntry),
        blocks: blocks.map(toBlock),
      };
    },
  );

  r.post(
    '/api/blocks',
    {
      config: { access: STAFF },
      schema: { tags: ['appointments'], body: createBlockSchema, response: { 201: blockSchema } },
    },
    async (req, reply) => {
      const { db, clock } = app.deps;
      const start = Date.parse(req.body.start);
      const end = Date.parse(req.body.end);
      if (!(end > start) || end - start > 14 * DAY_MS) {
        throw new AppError('VALIDATION_FAILED', 'A block must end after it starts and last at most 14 days.');
      }
      const { providerId, resourceId } = req.body;
      const row = {
        id: newId(),
        provider_id: providerId ?? null,
        resource_id: resourceId ?? null,
        start_at: start,
        end_at: end,
        reason: req.body.reason ?? null,
        created_by: req.actor!.userId,
        created_at: clock.now(),
      };
      await withBookingTransaction(db, async (trx) => {
        if (
          providerId &&
          !(await trx.selectFrom('providers').select('id').where('id', '=', providerId).executeTakeFirst())
        ) {
          throw notFound('Provider');
        }
        if (
          resourceId &&
          !(await trx.selectFrom('resources').select('id').where('id', '=', resourceId).executeTakeFirst())
        ) {
          throw notFound('Room or resource');
        }
        await lockRows(trx, db, providerId ? [providerId] : [], resourceId ? [resourceId] : []);
        // Blocking over a live appointment would hide it from the schedule's logic: move it first.
        const clash = await trx
          .selectFrom('appointments')
          .select('appointments.id')
          .where('appointments.status', '<>', 'cancelled')
          .where('appointments.busy_start_at', '<', end)
          .where('appointments.busy_end_at', '>', start)
          .where((eb) =>
            eb.or([
              ...(providerId ? [eb('appointments.provider_id', '=', providerId)] : []),
              ...(resourceId
                ? [
                    eb(
                      'appointments.id',
                      'in',
                      eb
                        .selectFrom('appointment_resources')
                        .select('appointment_id')
                        .where('resource_id', '=', resourceId),
                    ),
                  ]
                : []),
            ]),
          )
          .limit(1)
          .executeTakeFirst();
        if (clash) {
          throw new AppError('CONFLICT', 'There is an appointment in that time. Move or cancel it first.');
        }
        await trx.insertInto('blocks').values(row).execute();
        await audit(req, { action: 'block.create', resource: 'block', resourceId: row.id }, trx);
      });
      return reply.code(201).send(toBlock(row));
    },
  );

  r.delete(
    '/api/blocks/:id',
    {
      config: { access: STAFF },
      schema: { tags: ['appointments'], params: appointmentIdParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      // Removed and audited together, with what the block covered, so the log says what was freed.
      await k()
        .transaction()
        .execute(async (trx) => {
          const block = await trx
            .selectFrom('blocks')
            .select(['start_at', 'end_at', 'reason'])
            .where('id', '=', req.params.id)
            .executeTakeFirst();
          const res = await trx.deleteFrom('blocks').where('id', '=', req.params.id).executeTakeFirst();
          if (!block || Number(res.numDeletedRows) === 0) throw notFound('Block');
          await audit(
            req,
            {
              action: 'block.delete',
              resource: 'block',
              resourceId: req.params.id,
              detail: `${iso(block.start_at)}…${iso(block.end_at)}${block.reason ? ` (${block.reason})` : ''}`,
            },
            trx,
          );
        });
      return reply.code(204).send(null);
    },
  );
}
