import { type NumberedReference, referenceHref } from '@anagen/core/evidence';

const TYPE_LABELS: Record<string, string> = {
  rct: 'Randomised trial',
  'meta-analysis': 'Meta-analysis',
  'systematic-review': 'Systematic review',
  'narrative-review': 'Review',
  cohort: 'Cohort study',
  'case-series': 'Case series',
  preclinical: 'Laboratory or animal study',
  'trial-registry': 'Trial registry',
  regulatory: 'Regulator',
  legal: 'Court or legal record',
  label: 'Prescribing label',
  news: 'News report',
  web: 'Web page',
};

/** The numbered sources of a page, each with its DOI or URL link. */
export function ReferenceList({
  refs,
  headingId = 'sources',
}: {
  refs: readonly NumberedReference[];
  headingId?: string;
}) {
  if (refs.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="references">
      <h2 id={headingId}>Sources</h2>
      <ol>
        {refs.map((r) => {
          const href = referenceHref(r);
          return (
            <li key={r.id} id={`ref-${r.number}`} value={r.number}>
              {r.citation} <span className="muted">({TYPE_LABELS[r.type] ?? r.type})</span>{' '}
              {href && (
                <a href={href} rel="noopener noreferrer">
                  {r.doi ? `doi:${r.doi}` : 'Link'}
                </a>
              )}
              {r.note && <span className="muted small"> Note: {r.note}</span>}
              {r.unverifiedBibliography && (
                <span className="muted small"> Citation not yet checked: {r.unverifiedBibliography}</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
