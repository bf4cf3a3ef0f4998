import { uploadAllowanceSchema, uploadSettingsSchema } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { updateUploadSettings } from './update-upload-settings';
import { readUploadSettings, uploadAllowance } from './upload-policy';

export async function uploadsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/uploads/allowance',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['photos'],
        description: 'Whether the signed-in account may upload now, and how much is left of its daily quota.',
        response: { 200: uploadAllowanceSchema },
      },
    },
    async (req) => uploadAllowance(db(), req.actor!, app.deps.clock.now()),
  );

  r.get(
    '/api/admin/upload-settings',
    {
      config: { access: ['admin'] },
      schema: { tags: ['admin'], response: { 200: uploadSettingsSchema } },
    },
    async () => readUploadSettings(db()),
  );

  r.put(
    '/api/admin/upload-settings',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        description: 'Patient uploads on or off, and each account’s uploads per 24 hours (patients, staff).',
        body: uploadSettingsSchema,
        response: { 200: uploadSettingsSchema },
      },
    },
    async (req) => updateUploadSettings(app.deps, req.actor, { settings: req.body, ip: req.ip }),
  );
}
