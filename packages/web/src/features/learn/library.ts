import { type GuideDocument, getEvidenceLibraryFromContent, type Treatment } from './library-source';

/**
 * The evidence library, validated once when the learn pages load. It ships in the learn chunk,
 * never in the public entry, so the home page stays small.
 */
export const library = getEvidenceLibraryFromContent();

export const treatmentBySlug = (slug: string | undefined): Treatment | undefined =>
  library.treatments.find((t) => t.slug === slug);

export const guideBySlug = (slug: string | undefined): GuideDocument | undefined =>
  library.guide.find((g) => g.slug === slug);

export const CONDITION_LABELS: Record<string, string> = {
  'androgenetic-alopecia': 'Pattern hair loss',
  'alopecia-areata': 'Alopecia areata',
};

/** "3 to 6 months", "about 4 months", or null. */
export function formatMonths(range: Treatment['timeToVisibleResultMonths']): string | null {
  if (!range) return null;
  return range.min === range.max ? `about ${range.min} months` : `${range.min} to ${range.max} months`;
}

export function formatUsd(cents: number): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
  }).format(cents / 100);
}

export function formatPriceRange(p: NonNullable<Treatment['priceRange']>): string {
  const per = {
    session: 'per session',
    month: 'per month',
    procedure: 'per procedure',
    device: 'per device',
  }[p.per];
  const min = formatUsd(p.minUsd * 100);
  return p.minUsd === p.maxUsd ? `${min} ${per}` : `${min}–${formatUsd(p.maxUsd * 100)} ${per}`;
}

export type { GuideDocument, Treatment };

/** "Randomised trial, n = 40, 16 weeks" */
function studyLine(s: Treatment['studies'][number]): string {
  return [s.design, s.n ? `n = ${s.n}` : null, s.durationWeeks ? `${s.durationWeeks} weeks` : null]
    .filter(Boolean)
    .join(', ');
}

/** The study lines behind a treatment's evidence grade, for the evidence badge's popover. */
export const gradeStudies = (t: Treatment): string[] =>
  t.studies.filter((s) => t.evidenceGrade.studyIds.includes(s.id)).map(studyLine);
