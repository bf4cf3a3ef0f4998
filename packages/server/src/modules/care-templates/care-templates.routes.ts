import { STAFF_ROLES } from '@anagen/core/access';
import {
  careSettingsSchema,
  careTemplateSchema,
  templateEditSchema,
  templateQuerySchema,
  templateWriteSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { audit } from '../audit/audit.service';
import { getCareSettings, updateCareSettings } from './care-settings';
import {
  findTemplate,
  insertTemplateVersion,
  latestVersion,
  listTemplates,
  withdrawTemplate,
} from './care-templates.repository';

const idParams = z.strictObject({ templateId: z.string().min(1).max(100) });

/**
 * Clinic-editable consent, preparation and post-care texts. Every edit is a new version; old
 * versions stay readable because signed consents and sent instructions point at them.
 */
export async function careTemplatesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/care-templates',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['care'],
        querystring: templateQuerySchema,
        response: { 200: z.array(careTemplateSchema) },
      },
    },
    async (req) =>
      listTemplates(db(), {
        kind: req.query.kind,
        treatment: req.query.treatment,
        history: req.query.history === 'true',
      }),
  );

  r.get(
    '/api/care-templates/:templateId',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['care'], params: idParams, response: { 200: careTemplateSchema } },
    },
    async (req) => {
      const t = await findTemplate(db(), req.params.templateId);
      if (!t) throw notFound('Template');
      return t;
    },
  );

  r.post(
    '/api/care-templates',
    {
      config: { access: ['admin'] },
      schema: { tags: ['care'], body: templateWriteSchema, response: { 201: careTemplateSchema } },
    },
    async (req, reply) => {
      if (req.body.kind === 'preparation' && !req.body.steps?.length) {
        throw new AppError('UNPROCESSABLE', 'A preparation template needs at least one step.');
      }
      const t = await insertTemplateVersion(
        db(),
        { ...req.body, createdBy: req.actor!.userId },
        app.deps.clock.now(),
      );
      await audit(req, { action: 'care-template.create', resource: 'care-template', resourceId: t.id });
      return reply.code(201).send(t);
    },
  );

  r.put(
    '/api/care-templates/:templateId',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['care'],
        params: idParams,
        body: templateEditSchema,
        response: { 201: careTemplateSchema },
      },
    },
    async (req, reply) => {
      const base = await findTemplate(db(), req.params.templateId);
      if (!base) throw notFound('Template');
      if (base.version !== (await latestVersion(db(), base.kind, base.treatmentSlug))) {
        throw new AppError('CONFLICT', 'A newer version of this template exists. Open it and edit that one.');
      }
      if (base.kind === 'preparation' && !req.body.steps?.length) {
        throw new AppError('UNPROCESSABLE', 'A preparation template needs at least one step.');
      }
      const t = await insertTemplateVersion(
        db(),
        { ...req.body, kind: base.kind, treatmentSlug: base.treatmentSlug, createdBy: req.actor!.userId },
        app.deps.clock.now(),
      );
      await audit(req, {
        action: 'care-template.edit',
        resource: 'care-template',
        resourceId: t.id,
        detail: `v${base.version} → v${t.version}`,
      });
      return reply.code(201).send(t);
    },
  );

  r.post(
    '/api/care-templates/:templateId/withdraw',
    {
      config: { access: ['admin'] },
      schema: { tags: ['care'], params: idParams, response: { 200: careTemplateSchema } },
    },
    async (req) => {
      const t = await findTemplate(db(), req.params.templateId);
      if (!t) throw notFound('Template');
      if (t.status === 'withdrawn') throw new AppError('CONFLICT', 'This version is already withdrawn.');
      await withdrawTemplate(db(), t.id, app.deps.clock.now());
      await audit(req, { action: 'care-template.withdraw', resource: 'care-template', resourceId: t.id });
      return { ...t, status: 'withdrawn' as const };
    },
  );

  r.get(
    '/api/care-settings',
    { config: { access: STAFF_ROLES }, schema: { tags: ['care'], response: { 200: careSettingsSchema } } },
    async () => getCareSettings(db()),
  );

  r.put(
    '/api/care-settings',
    {
      config: { access: ['admin'] },
      schema: { tags: ['care'], body: careSettingsSchema.partial(), response: { 200: careSettingsSchema } },
    },
    async (req) => {
      const s = await updateCareSettings(db(), req.body);
      await audit(req, {
        action: 'care-settings.update',
        resource: 'clinic',
        detail: JSON.stringify(req.body),
      });
      return s;
    },
  );
}
