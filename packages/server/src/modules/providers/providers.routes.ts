import {
  adminIdParamsSchema,
  adminProviderSchema,
  type ProviderInput,
  providerInputSchema,
  weeklyHoursInputSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { AppError, fieldError, notFound } from '../../errors';
import { decodeSlots } from '../../lib/decode-slots';
import { newId } from '../../lib/ids';
import { auditActorOf } from '../audit/audit.service';
import { isUniqueViolation } from '../auth/auth.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist, fieldConflict } from '../clinic/references';
import { applyClosuresToProvider } from '../locations/locations.repository';
import { assertHoursWithinOpening } from '../locations/opening-hours-check';
import { portraitImage } from '../photos/image-pipeline';
import { readUpload } from '../photos/read-upload';
import { takeUploadQuota } from '../uploads/upload-policy';
import { findUserRole } from '../users/users.repository';
import {
  listProviders,
  providerPhotoKey,
  replaceWeeklyHours,
  saveProvider,
  setProviderPhotoKey,
} from './providers.repository';

const ADMIN = { access: ['admin'] as const };

export async function providersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  // Closures are stored as local dates; starting a day early covers every zone's "today".
  const yesterday = () => new Date(app.deps.clock.now() - 86_400_000).toISOString().slice(0, 10);

  async function one(id: string) {
    const [p] = await listProviders(db(), id);
    if (!p) throw notFound('Provider');
    return p;
  }

  async function checkRefs(trx: Kysely<Database>, body: ProviderInput) {
    await assertExist(trx, 'locations', [body.locationId], 'body.locationId', 'location');
    await assertExist(
      trx,
      'appointment_types',
      body.appointmentTypeIds ?? [],
      'body.appointmentTypeIds',
      'appointment type',
    );
    if (body.userId) {
      if ((await findUserRole(trx, body.userId)) !== 'clinician') {
        throw new AppError(
          'VALIDATION_FAILED',
          'A provider profile can only be linked to a clinician account.',
          {
            errors: [{ path: 'body.userId', message: 'Choose a clinician account' }],
          },
        );
      }
    }
  }

  async function save(
    req: FastifyRequest,
    id: string,
    body: z.infer<typeof providerInputSchema>,
    isNew: boolean,
  ) {
    try {
      await db()
        .transaction()
        .execute(async (trx) => {
          await checkRefs(trx, body);
          await saveProvider(trx, id, body, isNew);
          await applyClosuresToProvider(trx, id, yesterday());
          await auditChange(
            auditActorOf(req),
            trx,
            isNew ? 'provider.create' : 'provider.update',
            'provider',
            id,
            body,
          );
        });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw fieldConflict('body.userId', 'This clinician account already has a provider profile');
      }
      throw err;
    }
  }

  /**
   * Points the provider at a new portrait (or none), audited in the same commit, then deletes the
   * file it replaces (after the commit: a failed save keeps the old portrait whole).
   */
  async function setPhoto(
    req: FastifyRequest,
    id: string,
    key: string | null,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const before = await providerPhotoKey(db(), id);
    await db()
      .transaction()
      .execute(async (trx) => {
        await setProviderPhotoKey(trx, id, key);
        await auditChange(auditActorOf(req), trx, action, 'provider', id, detail);
      });
    // A leftover file is harmless; failing here would undo a committed change in the caller.
    if (before && before !== key) {
      await app.deps.storage
        .delete(before)
        .catch((err) => req.log.warn({ err, key: before }, 'old portrait not deleted'));
    }
  }

  r.get(
    '/api/admin/providers',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: z.array(adminProviderSchema) } } },
    async () => listProviders(db()),
  );

  r.post(
    '/api/admin/providers',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: providerInputSchema, response: { 201: adminProviderSchema } },
    },
    async (req, reply) => {
      const id = newId();
      await save(req, id, req.body, true);
      return reply.code(201).send(await one(id));
    },
  );

  r.put(
    '/api/admin/providers/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        params: adminIdParamsSchema,
        body: providerInputSchema,
        response: { 200: adminProviderSchema },
      },
    },
    async (req) => {
      await one(req.params.id);
      await save(req, req.params.id, req.body, false);
      return one(req.params.id);
    },
  );

  r.put(
    '/api/admin/providers/:id/photo',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description:
          'Multipart `image` (JPEG, PNG, WebP or TIFF, ≤ 25 MB): the clinician’s portrait, shown when patients choose whom to book. Stored as a 256 px square JPEG without metadata; replaces any earlier one.',
        params: adminIdParamsSchema,
        response: { 200: adminProviderSchema },
      },
    },
    async (req) => {
      await one(req.params.id);
      const { file } = await readUpload(req, 'image');
      if (!file) throw fieldError('image', 'Choose an image');
      await takeUploadQuota(req, file.length);
      const portrait = await decodeSlots(app.deps).run(() => portraitImage(file));
      // A new key per upload: the public URL names it, so browsers may cache it for good.
      const key = `providers/${req.params.id}-${newId()}.jpg`;
      await app.deps.storage.put(key, portrait);
      try {
        await setPhoto(req, req.params.id, key, 'provider.photo', { bytes: portrait.length });
      } catch (err) {
        await app.deps.storage.delete(key);
        throw err;
      }
      return one(req.params.id);
    },
  );

  r.delete(
    '/api/admin/providers/:id/photo',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: adminIdParamsSchema, response: { 200: adminProviderSchema } },
    },
    async (req) => {
      await one(req.params.id);
      await setPhoto(req, req.params.id, null, 'provider.photo.remove', {});
      return one(req.params.id);
    },
  );

  r.put(
    '/api/admin/providers/:id/hours',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description:
          'Replaces the weekly working hours (local wall time per location); availability uses them at once. Hours outside the location’s opening hours get 422.',
        params: adminIdParamsSchema,
        body: weeklyHoursInputSchema,
        response: { 200: adminProviderSchema },
      },
    },
    async (req) => {
      await one(req.params.id);
      await db()
        .transaction()
        .execute(async (trx) => {
          await assertExist(
            trx,
            'locations',
            req.body.hours.map((h) => h.locationId),
            'body.hours',
            'location',
          );
          await assertHoursWithinOpening(trx, req.body.hours);
          await replaceWeeklyHours(trx, req.params.id, req.body.hours);
          await applyClosuresToProvider(trx, req.params.id, yesterday());
          await auditChange(
            auditActorOf(req),
            trx,
            'provider.hours.update',
            'provider',
            req.params.id,
            req.body.hours,
          );
        });
      return one(req.params.id);
    },
  );
}
