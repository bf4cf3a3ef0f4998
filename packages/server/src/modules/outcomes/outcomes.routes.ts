import {
  outcomeSettingsSchema,
  outcomesQuerySchema,
  outcomesSchema,
  publicOutcomesQuerySchema,
  publicOutcomesSchema,
} from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getEvidenceLibrary } from '../../../../../content';
import { getOutcomes } from './get-outcomes';
import { getPublicOutcomes, readOutcomeSettings, updateOutcomeSettings } from './public-outcomes';

function library(): EvidenceLibrary | null {
  try {
    return getEvidenceLibrary();
  } catch {
    return null;
  }
}

export async function outcomesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/outcomes',
    {
      config: { access: ['clinician', 'admin'] },
      schema: { tags: ['outcomes'], querystring: outcomesQuerySchema, response: { 200: outcomesSchema } },
    },
    async (req) =>
      getOutcomes(
        { db: app.deps.db.kysely, clock: app.deps.clock, library: library() },
        req.actor!,
        req.query,
        { ip: req.ip },
      ),
  );
  r.get(
    '/api/public/outcomes',
    {
      config: { access: 'public' },
      schema: {
        tags: ['outcomes'],
        description:
          'The clinic-wide outcome summary of one treatment, when the clinic publishes it (404 otherwise): the staff figures without filters, providers or any single patient’s value.',
        querystring: publicOutcomesQuerySchema,
        response: { 200: publicOutcomesSchema },
      },
    },
    async (req) =>
      getPublicOutcomes(
        { db: app.deps.db.kysely, clock: app.deps.clock, library: library() },
        req.query.treatment,
        { ip: req.ip },
      ),
  );

  r.get(
    '/api/admin/outcome-settings',
    { config: { access: ['admin'] }, schema: { tags: ['admin'], response: { 200: outcomeSettingsSchema } } },
    async () => readOutcomeSettings(app.deps.db.kysely),
  );

  r.put(
    '/api/admin/outcome-settings',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        description: 'Publish the clinic-wide outcome summaries on the public site, or withdraw them.',
        body: outcomeSettingsSchema,
        response: { 200: outcomeSettingsSchema },
      },
    },
    async (req) =>
      updateOutcomeSettings({ db: app.deps.db.kysely, clock: app.deps.clock }, req.actor!, req.body, {
        ip: req.ip,
      }),
  );
}
