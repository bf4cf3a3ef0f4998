import type { FastifyInstance } from 'fastify';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { getOutcomes } from '../outcomes/get-outcomes';
import { getPublicResult, getPublicResults } from './get-public-results';
import type { PublicationsDeps } from './publication-access';
import { listPublishedTreatments } from './publications.repository';
import { renderGallery, renderIndex, renderVerify, VERIFY_SCRIPT } from './render-result-pages';

const SLUG = /^[a-z0-9][a-z0-9-]{0,60}$/;

/**
 * The public result pages, rendered on the server as plain HTML (no framework, one 2 KB script on
 * the verification page only), so they read without JavaScript, index well and stay far under the
 * 150 KB budget. They are answered with `no-cache`: a withdrawn pair disappears on the next load.
 */
export function registerResultPages(app: FastifyInstance, deps: () => PublicationsDeps): void {
  const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
  const opts = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/results', opts, async (_req, reply) => {
    const d = deps();
    const slugs = await listPublishedTreatments(d.db);
    return reply.headers(html).send(renderIndex(slugs.map((slug) => ({ slug, name: nameOf(d, slug) }))));
  });

  app.get<{ Params: { slug: string } }>('/treatments/:slug/results', opts, async (req, reply) => {
    const d = deps();
    const slug = req.params.slug;
    if (!SLUG.test(slug)) return reply.callNotFound();
    const results = await getPublicResults(d, { treatment: slug }, { ip: req.ip });
    // The clinic's own responder share for this treatment, the same figure as its outcomes page.
    const outcomes = await getOutcomes(d, null, { treatment: slug }, { ip: req.ip });
    return reply.headers(html).send(
      renderGallery({
        slug,
        name: nameOf(d, slug),
        results,
        responders: outcomes.responders,
        timeZone: await clinicTimeZone(d.db),
      }),
    );
  });

  app.get<{ Params: { id: string } }>('/results/:id/verify', opts, async (req, reply) => {
    const { result, withdrawn } = await getPublicResult(
      deps(),
      { id: req.params.id.slice(0, 100) },
      { ip: req.ip },
    );
    if (!result) {
      return reply
        .code(withdrawn ? 410 : 404)
        .headers(html)
        .send(renderVerify(null, withdrawn));
    }
    const d = deps();
    return reply
      .headers(html)
      .send(
        renderVerify(
          { ...result, treatmentName: nameOf(d, result.treatment) },
          false,
          await clinicTimeZone(d.db),
        ),
      );
  });

  app.get('/results/verify.js', opts, async (_req, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(VERIFY_SCRIPT),
  );
}

function nameOf(d: PublicationsDeps, slug: string): string {
  return d.library?.treatments.find((t) => t.slug === slug)?.name ?? slug;
}
