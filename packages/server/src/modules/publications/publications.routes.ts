import {
  consentPublicationSchema,
  patientIdParamsSchema,
  proposePublicationSchema,
  publicationIdParamsSchema,
  publicationSchema,
  publicationStatusResultSchema,
  publicResultSchema,
  publicResultsQuerySchema,
} from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getEvidenceLibrary } from '../../../../../content';
import { consentToPublication } from './consent-to-publication';
import { getPublicResults, readPublicFile } from './get-public-results';
import { getPublication, listClinicPublications, listPublications } from './list-publications';
import { previewPublicationImage } from './preview-publication-image';
import { proposePublication } from './propose-publication';
import type { PublicationsDeps } from './publication-access';
import { VERIFY_SCRIPT } from './render-result-pages';
import { resultIndexPage, treatmentResultsPage, verifyResultPage } from './result-pages';
import { withdrawPublication } from './withdraw-publication';

function library(): EvidenceLibrary | null {
  try {
    return getEvidenceLibrary();
  } catch {
    return null;
  }
}

/**
 * Published files may be cached: their URL carries their hash, so a changed file is a new URL.
 * One hour rather than a year bounds how long a shared cache could keep a file after the patient
 * withdraws (the URL itself answers 410 at once).
 */
const PUBLISHED_FILE_CACHE = 'public, max-age=3600, immutable';

export async function publicationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = (): PublicationsDeps => ({
    db: app.deps.db.kysely,
    storage: app.deps.storage,
    clock: app.deps.clock,
    library: library(),
  });
  const statusResult = { 200: publicationStatusResultSchema };

  r.post(
    '/api/patients/:id/publications',
    {
      config: {
        access: ['clinician'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'publication.propose',
          resource: 'publication',
        },
      },
      schema: {
        tags: ['publications'],
        description:
          'Propose two photos of a patient for publication; they stay private until the patient consents.',
        params: patientIdParamsSchema,
        body: proposePublicationSchema,
        response: { 201: publicationStatusResultSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await proposePublication(
            deps(),
            req.actor!,
            { ...req.body, patientId: req.params.id },
            { ip: req.ip },
          ),
        ),
  );

  r.get(
    '/api/patients/:id/publications',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'publication.list',
          resource: 'publication',
        },
      },
      schema: {
        tags: ['publications'],
        params: patientIdParamsSchema,
        response: { 200: z.array(publicationSchema) },
      },
    },
    async (req) => listPublications(deps(), req.actor, { patientId: req.params.id }, { ip: req.ip }),
  );

  r.get(
    '/api/publications',
    {
      config: { access: ['clinician', 'admin'] },
      schema: { tags: ['publications'], response: { 200: z.array(publicationSchema) } },
    },
    async (req) => listClinicPublications(deps(), req.actor!, { ip: req.ip }),
  );

  r.get(
    '/api/publications/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['publications'],
        params: publicationIdParamsSchema,
        response: { 200: publicationSchema },
      },
    },
    async (req) => (await getPublication(deps(), req.actor, req.params, { ip: req.ip })).publication,
  );

  r.get(
    '/api/publications/:id/preview/:role',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['publications'],
        description: 'One image exactly as it would be published with this face choice (JPEG, private).',
        params: publicationIdParamsSchema.extend({ role: z.enum(['before', 'after']) }),
        querystring: z.strictObject({ showFace: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const { data, sha256 } = await previewPublicationImage(
        deps(),
        req.actor,
        { id: req.params.id, role: req.params.role, showFace: req.query.showFace === 'true' },
        { ip: req.ip },
      );
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-content-sha256', sha256)
        .type('image/jpeg')
        .send(data);
    },
  );

  r.post(
    '/api/publications/:id/consent',
    {
      config: { access: ['patient'] },
      schema: {
        tags: ['publications'],
        params: publicationIdParamsSchema,
        body: consentPublicationSchema,
        response: statusResult,
      },
    },
    async (req) => consentToPublication(deps(), req.actor!, { ...req.params, ...req.body }, { ip: req.ip }),
  );

  r.post(
    '/api/publications/:id/withdraw',
    {
      config: { access: ['patient', 'clinician'] },
      schema: {
        tags: ['publications'],
        params: publicationIdParamsSchema,
        body: z.strictObject({ reason: z.string().trim().max(500).optional() }).optional(),
        response: statusResult,
      },
    },
    async (req) =>
      withdrawPublication(
        deps(),
        req.actor!,
        { id: req.params.id, reason: req.body?.reason },
        { ip: req.ip },
      ),
  );

  r.get(
    '/api/public/results',
    {
      config: { access: 'public' },
      schema: {
        tags: ['publications'],
        description:
          'Published before-and-after pairs with their verification; sha256 is of the bytes served at url.',
        querystring: publicResultsQuerySchema,
        response: { 200: z.array(publicResultSchema) },
      },
    },
    async (req, reply) => {
      // The list must never outlive a withdrawal in a cache.
      reply.header('cache-control', 'no-cache');
      return getPublicResults(deps(), req.query, { ip: req.ip });
    },
  );

  r.get(
    '/api/public/results/:id/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: ['publications'],
        description: 'A published file by its versioned name; 410 once withdrawn, 404 when never published.',
        params: z.strictObject({ id: z.string().min(1).max(100), file: z.string().min(1).max(100) }),
      },
    },
    async (req, reply) => {
      const file = await readPublicFile(deps(), req.params, { ip: req.ip });
      if (file.kind === 'file') {
        return reply.header('cache-control', PUBLISHED_FILE_CACHE).type('image/jpeg').send(file.data);
      }
      const gone = file.kind === 'gone';
      return reply
        .code(gone ? 410 : 404)
        .header('cache-control', 'no-store')
        .type('application/problem+json')
        .send({
          status: gone ? 410 : 404,
          title: gone ? 'Withdrawn' : 'Not found',
          detail: gone
            ? 'The patient withdrew consent to publish this image.'
            : 'There is no published image here.',
          code: gone ? 'GONE' : 'NOT_FOUND',
        });
    },
  );

  // The public result pages (see result-pages.ts): plain HTML, `no-cache` so a withdrawn pair goes at once.
  const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
  const pageOpts = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/results', pageOpts, async (_req, reply) => {
    const page = await resultIndexPage(deps());
    return reply.code(page.status).headers(html).send(page.html);
  });

  app.get<{ Params: { slug: string } }>('/treatments/:slug/results', pageOpts, async (req, reply) => {
    const page = await treatmentResultsPage(deps(), { slug: req.params.slug, ip: req.ip });
    if (!page) return reply.callNotFound();
    return reply.code(page.status).headers(html).send(page.html);
  });

  app.get<{ Params: { id: string } }>('/results/:id/verify', pageOpts, async (req, reply) => {
    const page = await verifyResultPage(deps(), { id: req.params.id, ip: req.ip });
    return reply.code(page.status).headers(html).send(page.html);
  });

  app.get('/results/verify.js', pageOpts, async (_req, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(VERIFY_SCRIPT),
  );
}
