import { CONTRAINDICATION_LABELS, footnoteNumbers, stripCitations } from '@anagen/core/evidence';
import { Link, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { TableScroll } from '../../components/ui/table-scroll';
import { NotFoundPage } from '../public/not-found-page';
import { CitedText } from './components/cited-text';
import { EvidenceBadge } from './components/evidence-badge';
import { ReferenceList } from './components/reference-list';
import { RegulatoryBadge } from './components/regulatory-badge';
import {
  CONDITION_LABELS,
  formatMonths,
  formatPriceRange,
  gradeStudies,
  type Treatment,
  treatmentBySlug,
} from './library';

const treatmentMeta = (t: Treatment) => {
  const summary = stripCitations(t.summary);
  return {
    title: `${t.name}: evidence, side effects and cost`,
    description: summary.length > 158 ? `${summary.slice(0, 155).replace(/\s+\S*$/, '')}…` : summary,
  };
};

export function TreatmentPage() {
  const t = treatmentBySlug(useParams().slug);
  if (!t) return <NotFoundPage />;
  return <TreatmentArticle t={t} />;
}

const SECTIONS = [
  ['how-it-works', 'How it works'],
  ['studies', 'What the studies found'],
  ['evidence', 'How certain the evidence is'],
  ['regulatory', 'Regulatory status'],
  ['schedule', 'Schedule and time to result'],
  ['side-effects', 'Side effects'],
  ['contraindications', 'Who should not use it'],
  ['cost', 'Cost'],
] as const;

function TreatmentArticle({ t }: { t: Treatment }) {
  const meta = treatmentMeta(t);
  usePageMeta(meta.title, meta.description);
  const n = footnoteNumbers(t.references);
  const time = formatMonths(t.timeToVisibleResultMonths);
  return (
    <article className="article-layout">
      <header className="article-head">
        <p className="small">
          <Link to="/treatments">Treatments</Link>
        </p>
        <h1>{t.name}</h1>
        <p className="muted small">For: {t.conditions.map((c) => CONDITION_LABELS[c] ?? c).join(', ')}</p>
        <div className="row">
          <EvidenceBadge
            grade={t.evidenceGrade.grade}
            reason={t.evidenceGrade.reason}
            studies={gradeStudies(t)}
          />
          <RegulatoryBadge status={t.regulatory.status} sourceUrl={t.regulatory.sourceUrl} />
        </div>
        <p className="lead">
          <CitedText text={t.summary} numbers={n} />
        </p>
      </header>
      <nav aria-label="On this page" className="toc">
        <h2 className="toc-title">On this page</h2>
        <ol>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
          <li>
            <a href="#sources">Sources</a>
          </li>
        </ol>
      </nav>
      <div className="article">
        <section aria-labelledby="how-it-works">
          <h2 id="how-it-works">How it works</h2>
          <p>
            <CitedText text={t.howItWorks} numbers={n} />
          </p>
        </section>

        <section aria-labelledby="studies">
          <h2 id="studies">What the studies found</h2>
          <ul className="claims">
            {t.claims.map((c) => (
              <li key={c.text}>
                <CitedText text={c.text} numbers={n} />
              </li>
            ))}
          </ul>
          {t.studies.length > 0 && (
            <TableScroll label="Studies">
              <table>
                <caption className="visually-hidden">Studies of {t.shortName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Study</th>
                    <th scope="col">Design</th>
                    <th scope="col">People</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {t.studies.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <a href={`#ref-${n.get(s.id)}`}>[{n.get(s.id)}]</a>
                        {s.year ? ` ${s.year}` : ''}
                      </td>
                      <td>{s.design}</td>
                      <td>{s.n ?? 'not stated'}</td>
                      <td>{s.durationWeeks ? `${s.durationWeeks} weeks` : 'not stated'}</td>
                      <td>
                        {s.result}
                        <div className="muted small">{s.population}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>

        <section aria-labelledby="evidence">
          <h2 id="evidence">How certain the evidence is</h2>
          <p>
            <EvidenceBadge grade={t.evidenceGrade.grade} /> {t.evidenceGrade.reason}{' '}
            {t.evidenceGrade.studyIds.map((id) => (
              <sup key={id} className="cite">
                <a href={`#ref-${n.get(id)}`} aria-label={`Source ${n.get(id)}`}>
                  [{n.get(id)}]
                </a>
              </sup>
            ))}
          </p>
        </section>

        <section aria-labelledby="regulatory">
          <h2 id="regulatory">Regulatory status (United States)</h2>
          <p>
            <RegulatoryBadge status={t.regulatory.status} sourceUrl={t.regulatory.sourceUrl} />
          </p>
          <p>
            <CitedText text={t.regulatory.label} numbers={n} />
            {!t.regulatory.verified && ' We have not yet checked this against a primary source.'}
          </p>
        </section>

        <section aria-labelledby="schedule">
          <h2 id="schedule">Schedule and time to result</h2>
          <p>
            <CitedText text={t.schedule.description} numbers={n} />
          </p>
          <p>
            <strong>Maintenance: </strong>
            <CitedText text={t.schedule.maintenance.text} numbers={n} />
          </p>
          <p>
            <strong>Time to a visible result: </strong>
            {time ? (
              <>
                {time}. <CitedText text={t.timeToVisibleResultMonths?.note ?? ''} numbers={n} />
              </>
            ) : (
              'not established in the studies we found.'
            )}
          </p>
          <p>
            <strong>Downtime: </strong>
            <CitedText text={t.downtime} numbers={n} />
          </p>
        </section>

        <section aria-labelledby="side-effects">
          <h2 id="side-effects">Side effects</h2>
          {t.sideEffects.length === 0 ? (
            <p>No side-effect data has been collected for this entry yet.</p>
          ) : (
            <TableScroll label="Side effects">
              <table>
                <caption className="visually-hidden">Side effects of {t.shortName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Side effect</th>
                    <th scope="col">How often</th>
                  </tr>
                </thead>
                <tbody>
                  {t.sideEffects.map((se) => (
                    <tr key={se.name}>
                      <td>{se.name}</td>
                      <td>
                        <CitedText text={se.frequency} numbers={n} />
                        {se.studyIds.map((id) => (
                          <sup key={id} className="cite">
                            <a href={`#ref-${n.get(id)}`} aria-label={`Source ${n.get(id)}`}>
                              [{n.get(id)}]
                            </a>
                          </sup>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>

        <section aria-labelledby="contraindications">
          <h2 id="contraindications">Who should not use it, or should ask first</h2>
          {t.contraindications.length === 0 ? (
            <p>None listed in our sources. Your clinician will check your health history.</p>
          ) : (
            <ul>
              {t.contraindications.map((c) => (
                <li key={c.code}>
                  <strong>
                    {CONTRAINDICATION_LABELS[c.code]} (
                    {c.severity === 'absolute' ? 'do not use' : 'ask first'}):
                  </strong>{' '}
                  <CitedText text={c.note} numbers={n} />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="cost">
          <h2 id="cost">Cost</h2>
          {t.priceRange ? (
            <p>
              Typical published price: <strong>{formatPriceRange(t.priceRange)}</strong> (US; source read{' '}
              {t.priceRange.asOf},{' '}
              {t.priceRange.sourceDated ? `dated ${t.priceRange.sourceDated}` : 'undated'};{' '}
              {t.priceRange.confidence} confidence). Source:{' '}
              {t.priceRange.sourceUrl ? (
                <a href={t.priceRange.sourceUrl} rel="noopener noreferrer">
                  {t.priceRange.sourceName}
                </a>
              ) : (
                t.priceRange.sourceName
              )}
              . Prices vary between clinics; ask for a written quote.
            </p>
          ) : (
            <p>We have no reliable published price for this treatment.</p>
          )}
          <p>
            <Link to={`/cost?plans=${t.slug}`}>Estimate the cost over 1 to 10 years</Link>
          </p>
        </section>

        <ReferenceList refs={t.references} />
        <div className="card next-steps">
          <h2>Next steps</h2>
          <div className="row">
            <Link className="btn secondary" to={`/compare?t=${t.slug}`}>
              Compare with other treatments
            </Link>
            <Link className="btn secondary" to={`/assessment?for=${t.slug}`}>
              Check whether you are a likely candidate
            </Link>
          </div>
        </div>
      </div>
    </article>
  );
}
