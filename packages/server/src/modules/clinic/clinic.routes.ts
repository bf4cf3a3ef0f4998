import {
  bookingPoliciesSchema,
  clinicDetailsSchema,
  clinicSchema,
  customScalpSitesSchema,
  noticeNotesSchema,
  publicClinicSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../errors';
import { auditActorOf } from '../audit/audit.service';
import { DEMO_CLINIC } from '../demo/demo-clinic';
import {
  clinicTimeZone,
  customSitesFromSettings,
  findClinic,
  noticeNotesFromSettings,
  policiesFromSettings,
} from './clinic.repository';
import { updateClinic } from './update-clinic';
import { updateClinicSettings } from './update-clinic-settings';

const ADMIN = { access: ['admin'] as const };

export async function clinicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  async function clinicOrThrow() {
    const clinic = await findClinic(db());
    if (!clinic) throw notFound('Clinic');
    return clinic;
  }
  const saveSettings = (
    req: FastifyRequest,
    action: string,
    patch: Record<string, unknown>,
    detail: unknown,
  ) => updateClinicSettings(app.deps, auditActorOf(req), { action, patch, detail });

  const view = (c: NonNullable<Awaited<ReturnType<typeof findClinic>>>) => ({
    id: c.id,
    name: c.name,
    address: c.address,
    phone: c.phone,
    email: c.email,
    website: c.website,
  });

  r.get(
    '/api/clinic',
    {
      config: { access: 'public' },
      schema: {
        tags: ['clinic'],
        description: 'Name and contact details, e.g. the phone number for urgent side-effect advice.',
        response: { 200: publicClinicSchema },
      },
    },
    async () => {
      const { id, ...rest } = view(await clinicOrThrow());
      return { ...rest, timeZone: await clinicTimeZone(db()), demo: id === DEMO_CLINIC.id };
    },
  );

  r.get(
    '/api/admin/clinic',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: clinicSchema } } },
    async () => view(await clinicOrThrow()),
  );

  r.put(
    '/api/admin/clinic',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: clinicDetailsSchema, response: { 200: clinicSchema } },
    },
    async (req) => updateClinic(app.deps, auditActorOf(req), req.body),
  );

  r.get(
    '/api/admin/notice-notes',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        description: "The clinic's own notes added to appointment emails (empty = none).",
        response: { 200: noticeNotesSchema },
      },
    },
    async () => noticeNotesFromSettings((await clinicOrThrow()).settings_json),
  );

  r.put(
    '/api/admin/notice-notes',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: noticeNotesSchema, response: { 200: noticeNotesSchema } },
    },
    async (req) => {
      await saveSettings(req, 'notice-notes.update', { noticeNotes: req.body }, req.body);
      return req.body;
    },
  );

  r.get(
    '/api/scalp-sites',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['photos'],
        description:
          "The clinic's own close-up sites, besides the standard ones (vertex-centre, frontal, midline, left-temple, right-temple, occipital).",
        response: { 200: customScalpSitesSchema },
      },
    },
    async () => customSitesFromSettings((await clinicOrThrow()).settings_json),
  );

  r.put(
    '/api/admin/scalp-sites',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        body: customScalpSitesSchema,
        response: { 200: customScalpSitesSchema },
      },
    },
    async (req) => {
      // Photos already taken at a site keep its slug; removing a site here only stops offering it.
      await saveSettings(req, 'scalp-sites.update', { customSites: req.body }, req.body);
      return req.body;
    },
  );

  r.get(
    '/api/admin/policies',
    { config: ADMIN, schema: { tags: ['admin'], response: { 200: bookingPoliciesSchema } } },
    async () => policiesFromSettings((await clinicOrThrow()).settings_json),
  );

  r.put(
    '/api/admin/policies',
    {
      config: ADMIN,
      schema: { tags: ['admin'], body: bookingPoliciesSchema, response: { 200: bookingPoliciesSchema } },
    },
    async (req) => {
      await saveSettings(req, 'policies.update', req.body, req.body);
      return req.body;
    },
  );
}
