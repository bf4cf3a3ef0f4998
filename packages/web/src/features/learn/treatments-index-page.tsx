import { extractCitationKeys, footnoteNumbers, type NumberedReference } from '@anagen/core/evidence';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { CitedText } from './components/cited-text';
import { EvidenceBadge } from './components/evidence-badge';
import { ReferenceList } from './components/reference-list';
import { RegulatoryBadge } from './components/regulatory-badge';
import { CONDITION_LABELS, gradeStudies, library } from './library';

const TREATMENTS_INDEX_META = {
  title: 'Hair-loss treatments: evidence, status and cost',
  description:
    'Each hair-loss treatment with the strength of its evidence, US regulatory status, schedule, side effects and typical price, with sources.',
};

// One numbering for the sources cited in the summaries on this page.
const SUMMARY_REFS: NumberedReference[] = (() => {
  const out: NumberedReference[] = [];
  for (const t of library.treatments)
    for (const key of extractCitationKeys(t.summary)) {
      const ref = library.references.find((r) => r.id === key);
      if (ref && !out.some((r) => r.id === key)) out.push({ ...ref, number: out.length + 1 });
    }
  return out;
})();

export function TreatmentsIndexPage() {
  usePageMeta(TREATMENTS_INDEX_META.title, TREATMENTS_INDEX_META.description);
  const n = footnoteNumbers(SUMMARY_REFS);
  return (
    <>
      <h1>Treatments</h1>
      <p className="lead">
        Each treatment with how certain the evidence is, its US regulatory status and what it typically costs.
        Tap a grade to see why it was given.
      </p>
      <ul className="treatment-grid">
        {library.treatments.map((t) => (
          <li key={t.slug} className="card">
            <h2>
              <Link to={`/treatments/${t.slug}`}>{t.name}</Link>
            </h2>
            <p className="muted small">{t.conditions.map((c) => CONDITION_LABELS[c] ?? c).join(' · ')}</p>
            <div className="row">
              <EvidenceBadge
                grade={t.evidenceGrade.grade}
                reason={t.evidenceGrade.reason}
                studies={gradeStudies(t)}
              />
              <RegulatoryBadge status={t.regulatory.status} sourceUrl={t.regulatory.sourceUrl} />
            </div>
            <p>
              <CitedText text={t.summary} numbers={n} />
            </p>
          </li>
        ))}
      </ul>
      <ReferenceList refs={SUMMARY_REFS} />
      <p>
        <Link to="/compare">Compare treatments side by side</Link> or{' '}
        <Link to="/cost">estimate the cost over the years</Link>.
      </p>
    </>
  );
}
