import {
  adminIdParamsSchema,
  adminProviderSchema,
  providerInputSchema,
  weeklyHoursInputSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError } from '../../errors';
import { decodeSlots } from '../../lib/decode-slots';
import { auditActorOf } from '../audit/audit.service';
import { portraitImage } from '../photos/image-pipeline';
import { readUpload } from '../photos/read-upload';
import { takeUploadQuota } from '../uploads/upload-policy';
import { listProviders } from './providers.repository';
import { createProvider, providerOrThrow, updateProvider } from './save-provider';
import { removeProviderPhoto, setProviderPhoto } from './set-provider-photo';
import { updateProviderHours } from './update-provider-hours';

const ADMIN = { access: ['admin'] as const };

export async function providersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;
  const photoDeps = (req: FastifyRequest) => ({ ...app.deps, log: req.log });

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
    async (req, reply) => reply.code(201).send(await createProvider(app.deps, auditActorOf(req), req.body)),
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
    async (req) => updateProvider(app.deps, auditActorOf(req), { id: req.params.id, provider: req.body }),
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
      await providerOrThrow(db(), req.params.id);
      const { file } = await readUpload(req, 'image');
      if (!file) throw fieldError('image', 'Choose an image');
      await takeUploadQuota(req, file.length);
      const portrait = await decodeSlots(app.deps).run(() => portraitImage(file));
      return setProviderPhoto(photoDeps(req), auditActorOf(req), { id: req.params.id, portrait });
    },
  );

  r.delete(
    '/api/admin/providers/:id/photo',
    {
      config: ADMIN,
      schema: { tags: ['admin'], params: adminIdParamsSchema, response: { 200: adminProviderSchema } },
    },
    async (req) => removeProviderPhoto(photoDeps(req), auditActorOf(req), { id: req.params.id }),
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
    async (req) =>
      updateProviderHours(app.deps, auditActorOf(req), { id: req.params.id, hours: req.body.hours }),
  );
}
