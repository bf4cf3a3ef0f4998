import { clinicTimeZone } from '../clinic/clinic.repository';
import { getOutcomes } from '../outcomes/get-outcomes';
import { getPublicResult, getPublicResults } from './get-public-results';
import type { PublicationsDeps } from './publication-access';
import { listPublishedTreatments } from './publications.repository';
import { renderGallery, renderIndex, renderVerify } from './render-result-pages';

const SLUG = /^[a-z0-9][a-z0-9-]{0,60}$/;

/** A rendered public page and the status to answer it with. */
export interface ResultPage {
  status: 200 | 404 | 410;
  html: string;
}

/**
 * The public result pages, rendered on the server as plain HTML (no framework, one 2 KB script on
 * the verification page only), so they read without JavaScript, index well and stay far under the
 * 150 KB budget. The routes answer them with `no-cache`: a withdrawn pair disappears on the next load.
 */
export async function resultIndexPage(d: PublicationsDeps): Promise<ResultPage> {
  const slugs = await listPublishedTreatments(d.db);
  return { status: 200, html: renderIndex(slugs.map((slug) => ({ slug, name: nameOf(d, slug) }))) };
}

/** One treatment's gallery; null when the slug cannot be a treatment (the app's own 404 answers). */
export async function treatmentResultsPage(
  d: PublicationsDeps,
  input: { slug: string; ip: string },
): Promise<ResultPage | null> {
  const { slug, ip } = input;
  if (!SLUG.test(slug)) return null;
  const results = await getPublicResults(d, { treatment: slug }, { ip });
  // The clinic's own responder share for this treatment, the same figure as its outcomes page.
  const outcomes = await getOutcomes(d, null, { treatment: slug }, { ip });
  return {
    status: 200,
    html: renderGallery({
      slug,
      name: nameOf(d, slug),
      results,
      responders: outcomes.responders,
      timeZone: await clinicTimeZone(d.db),
    }),
  };
}

/** A published pair's verification page: 410 once withdrawn, 404 when there never was one. */
export async function verifyResultPage(
  d: PublicationsDeps,
  input: { id: string; ip: string },
): Promise<ResultPage> {
  const { result, withdrawn } = await getPublicResult(d, { id: input.id.slice(0, 100) }, { ip: input.ip });
  if (!result) return { status: withdrawn ? 410 : 404, html: renderVerify(null, withdrawn) };
  return {
    status: 200,
    html: renderVerify(
      { ...result, treatmentName: nameOf(d, result.treatment) },
      false,
      await clinicTimeZone(d.db),
    ),
  };
}

function nameOf(d: PublicationsDeps, slug: string): string {
  return d.library?.treatments.find((t) => t.slug === slug)?.name ?? slug;
}
