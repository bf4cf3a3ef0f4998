import { isStaff } from '@anagen/core/access';
import {
  type AppointmentType,
  type Availability,
  appointmentTypeSchema,
  availabilityQuerySchema,
  availabilitySchema,
  publicProviderSchema,
} from '@anagen/core/contracts';
import { findOpenSlots, parseLocalDate } from '@anagen/core/scheduling';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { photoVersion, providerPhotoUrl } from '../providers/providers.repository';
import { fastSerializerCompiler } from './fast-serializer';
import {
  findProviderPhotoKey,
  type LoadedType,
  listActiveProviders,
  listTypes,
} from './scheduling.repository';
import { loadSchedulingContext, MAX_RANGE_DAYS } from './scheduling-context';
import { requireVisibleType } from './visible-type';

function toTypeDto(t: LoadedType): AppointmentType {
  const r = t.row;
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    durationMinutes: r.duration_minutes,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    isPublic: r.is_public === 1,
    guestAllowed: r.guest_allowed === 1,
    minNoticeMinutes: r.min_notice_minutes,
    horizonDays: r.horizon_days,
    priceCents: r.price_cents,
    treatmentSlug: r.treatment_slug,
    providerIds: t.providerIds,
    resourceIds: t.resourceIds,
  };
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefix = new Map<number, string>();

/**
 * `Date#toISOString` for whole-minute instants, built from a cached `YYYY-MM-DDT` per UTC day:
 * a 30-day answer formats ~3,000 instants, and this is several times cheaper per call.
 */
export function isoMinute(ms: number): string {
  if (ms % 60_000 !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / 86_400_000);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (dayPrefix.size > 5000) dayPrefix.clear();
    dayPrefix.set(day, prefix);
  }
  const minutes = (ms - day * 86_400_000) / 60_000;
  return `${prefix}${TWO[Math.floor(minutes / 60)]}:${TWO[minutes % 60]}:00.000Z`;
}

export async function availabilityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/appointment-types',
    {
      config: { access: 'public' },
      schema: { tags: ['appointments'], response: { 200: z.array(appointmentTypeSchema) } },
    },
    async (req) => (await listTypes(app.deps.db.kysely, !isStaff(req.actor))).map(toTypeDto),
  );

  r.get(
    '/api/providers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        description: 'Active clinicians with their credentials and bio, for choosing whom to book.',
        response: { 200: z.array(publicProviderSchema) },
      },
    },
    async () => {
      const rows = await listActiveProviders(app.deps.db.kysely);
      return rows.map(({ photo_key, ...p }) => ({ ...p, photoUrl: providerPhotoUrl(p.id, photo_key) }));
    },
  );

  r.get(
    '/api/providers/:id/photo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        description: 'An active clinician’s portrait (JPEG); 404 when there is none.',
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.object({ v: z.string().max(100).optional() }),
      },
    },
    async (req, reply) => {
      const row = await findProviderPhotoKey(app.deps.db.kysely, req.params.id);
      const key = row?.active === 1 ? row.photo_key : null;
      const data = key ? await app.deps.storage.get(key) : null;
      if (!key || !data) throw notFound('Photo');
      // The versioned address (see providerPhotoUrl) never changes content; the bare one may.
      const current = req.query.v === photoVersion(key);
      return reply
        .type('image/jpeg')
        .header('cache-control', current ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );

  r.get(
    '/api/availability',
    {
      config: { access: 'public' },
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['appointments'],
        querystring: availabilityQuerySchema,
        response: { 200: availabilitySchema },
      },
    },
    async (req, reply) => {
      const { type: slug, from, to, providerId } = req.query;
      const days = parseLocalDate(to) - parseLocalDate(from) + 1;
      if (days < 1) throw new AppError('VALIDATION_FAILED', '"from" must not be after "to".');
      if (days > MAX_RANGE_DAYS) {
        throw new AppError('VALIDATION_FAILED', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
      }
      const type = await requireVisibleType(app.deps.db.kysely, req.actor, slug);
      const { input, location, providers } = await loadSchedulingContext(
        app.deps.db.kysely,
        type,
        { from, to },
        app.deps.clock.now(),
        { providerId },
      );
      const slots = findOpenSlots(input);
      // The body is written directly: ISO instants never need escaping and provider ids are escaped
      // once each, where a generic serializer escapes every character of ~4,500 strings for 30 days.
      // The shape is exactly `availabilitySchema` (checked in availability.routes.test.ts).
      const ids = new Map(providers.map((p) => [p.id, JSON.stringify(p.id)]));
      const parts = new Array<string>(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        const id = ids.get(s.providerId) ?? JSON.stringify(s.providerId);
        parts[i] = `{"start":"${isoMinute(s.start)}","end":"${isoMinute(s.end)}","providerId":${id}}`;
      }
      const body = `{"timeZone":${JSON.stringify(location.timeZone)},"providers":${JSON.stringify(
        providers.map((p) => ({ id: p.id, name: p.name })),
      )},"slots":[${parts.join(',')}]}`;
      return reply.type('application/json; charset=utf-8').send(body as unknown as Availability);
    },
  );
}
