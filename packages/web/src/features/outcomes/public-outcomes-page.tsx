import type { PublicChangeSummary, PublicOutcomes } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError, api } from '../../lib/api-client';
import { reasonLabel, share, signed } from './outcomes-format';

const NOT_ENOUGH = 'Not enough patients yet (fewer than 5)';

/**
 * Public: the clinic's own results for one treatment, when it has chosen to publish them. Sits
 * under the treatment's evidence page so the trial figure and the clinic's figure are read together.
 */
export function PublicOutcomesPage() {
  const slug = useParams().slug ?? '';
  const q = useQuery({
    queryKey: ['public-outcomes', slug],
    queryFn: () => api.get<PublicOutcomes>(`/api/public/outcomes?treatment=${encodeURIComponent(slug)}`),
    retry: false,
  });
  usePageMeta(q.data ? `${q.data.treatment.name}: our patients’ results` : 'Our patients’ results');
  if (q.isPending) return <Loading label="Loading results…" />;
  if (q.error instanceof ApiError && q.error.status === 404) {
    return (
      <>
        <h1>Our patients’ results</h1>
        <EmptyState title="Not published">
          This clinic does not publish its results for this treatment. You can read{' '}
          <Link to={`/treatments/${slug}`}>what the studies found</Link> instead.
        </EmptyState>
      </>
    );
  }
  if (q.error) return <ErrorState error={q.error} />;
  return <Summary o={q.data} />;
}

function Summary({ o }: { o: PublicOutcomes }) {
  const band = o.published.density;
  const excluded = o.patients.excluded.reduce((s, e) => s + e.count, 0);
  return (
    <article className="stack">
      <h1>{o.treatment.name}: our patients’ results</h1>
      <p>
        How every patient of {o.clinicName} who started this treatment did, measured on magnified close-up
        photos of the same patch of scalp before and after. These are all our patients, not a selection. The
        figures and their definitions are the ones our clinicians see.
      </p>

      <section className="card" aria-labelledby="pub-patients-h">
        <h2 id="pub-patients-h">Patients</h2>
        <dl className="summary-facts">
          <div>
            <dt>Started the treatment</dt>
            <dd data-testid="pub-started">{o.patients.started}</dd>
          </div>
          <div>
            <dt>Still in follow-up</dt>
            <dd>{o.patients.inFollowUp}</dd>
          </div>
          <div>
            <dt>Completed 12 months</dt>
            <dd>{o.patients.completedFollowUp}</dd>
          </div>
          <div>
            <dt>Lost to follow-up</dt>
            <dd>{o.patients.lostToFollowUp}</dd>
          </div>
        </dl>
        {excluded > 0 && (
          <>
            <p>
              {excluded} could not be measured reliably at the start and are left out of the changes below:
            </p>
            <ul>
              {o.patients.excluded.map((e) => (
                <li key={e.reason}>
                  {reasonLabel(e.reason)}: {e.count}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="pub-density-h">
        <h2 id="pub-density-h">Change in hair density (hairs per cm²)</h2>
        <ChangeTable rows={o.density} unit="hairs/cm²" caption="Change in hair density from the start" />
        {band ? (
          <p className="band-note" data-testid="pub-published">
            <strong>For comparison, the published trial:</strong> {band.label}: {signed(band.value)}{' '}
            {band.unit === 'hairs-per-cm2'
              ? 'hairs/cm²'
              : band.unit === 'percent-change-hair-count'
                ? '% hair count'
                : band.unit}
            {band.ciLow !== null &&
              band.ciHigh !== null &&
              ` (95 % interval ${signed(band.ciLow)} to ${signed(band.ciHigh)})`}
            . {band.caveat}{' '}
            {band.studies.map((s) => (
              <a key={s.id} href={s.href} className="cite">
                {s.citation}
              </a>
            ))}
          </p>
        ) : (
          <p className="muted">
            There is no published trial figure for this treatment in our evidence library.
          </p>
        )}
        <p data-testid="pub-responders">
          {o.responders.n === 0
            ? 'No patient has a follow-up measurement yet.'
            : `${o.responders.count} of ${o.responders.n} measured patients gained more hair than the measurement’s own margin of error${
                share(o.responders.share)
                  ? ` (${share(o.responders.share)})`
                  : `; ${NOT_ENOUGH.toLowerCase()} for a percentage`
              }.`}
        </p>
      </section>

      <section className="card" aria-labelledby="pub-diameter-h">
        <h2 id="pub-diameter-h">Change in hair thickness (µm)</h2>
        <ChangeTable rows={o.diameter} unit="µm" caption="Change in mean hair diameter from the start" />
      </section>

      <section className="card" aria-labelledby="pub-pro-h">
        <h2 id="pub-pro-h">What patients said</h2>
        <p className="muted">
          Asked “Compared with just before you started this treatment, how is your hair now?”, from −3 (much
          worse) to +3 (much better).
        </p>
        <ul>
          {o.patientReported.map((p) => (
            <li key={p.month}>
              {p.month} months:{' '}
              {p.n < 5
                ? NOT_ENOUGH
                : `${p.n} answers; ${share(p.betterShare)} said moderately or much better (median answer ${signed(p.median, 0)}).`}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="pub-se-h">
        <h2 id="pub-se-h">Side effects</h2>
        <p data-testid="pub-se">
          {o.sideEffects.per100Sessions === null
            ? `${NOT_ENOUGH}.`
            : `${o.sideEffects.per100Sessions.toFixed(1)} reports per 100 sessions (${o.sideEffects.reports} reports over ${o.sideEffects.sessions} sessions).`}
        </p>
        {o.sideEffects.per100Sessions !== null && (
          <ul>
            {o.sideEffects.bySeverity.map((s) => (
              <li key={s.severity}>
                {s.severity}: {s.per100Sessions === null ? '—' : s.per100Sessions.toFixed(1)} per 100 sessions
              </li>
            ))}
          </ul>
        )}
        {o.published.sideEffects.length > 0 && (
          <>
            <h3>Published</h3>
            <ul>
              {o.published.sideEffects.map((s) => (
                <li key={s.name}>
                  {s.name}: {s.frequency.replace(/\s*\[\^[\w-]+\]/g, '')}
                  {s.citations.length > 0 && <span className="muted"> ({s.citations.join('; ')})</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="pub-def-h">
        <h2 id="pub-def-h">How these figures are made</h2>
        <dl>
          {o.definitions.map((d) => (
            <div key={d.term}>
              <dt>
                <strong>{d.term}</strong>
              </dt>
              <dd>{d.text}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">
          A result from one clinic is not a promise for one person. Read{' '}
          <Link to={`/treatments/${o.treatment.slug}`}>what the studies found</Link> for the wider evidence.
        </p>
      </section>
    </article>
  );
}

function ChangeTable({
  rows,
  unit,
  caption,
}: {
  rows: readonly PublicChangeSummary[];
  unit: string;
  caption: string;
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">After</th>
            <th scope="col">Patients measured</th>
            <th scope="col">Typical change (median, {unit})</th>
            <th scope="col">Middle half of patients</th>
            <th scope="col">95 % interval of the median</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.month} data-testid={`pub-row-${d.month}`}>
              <th scope="row">{d.month} months</th>
              <td>{d.n}</td>
              {d.median === null ? (
                <td colSpan={3}>{NOT_ENOUGH}</td>
              ) : (
                <>
                  <td>{signed(d.median)}</td>
                  <td>{d.q1 === null || d.q3 === null ? '—' : `${signed(d.q1)} to ${signed(d.q3)}`}</td>
                  <td>
                    {d.ci95
                      ? `${signed(d.ci95[0])} to ${signed(d.ci95[1])}${
                          d.ciCoverage !== null && d.ciCoverage < 0.95
                            ? ` (covers ${(d.ciCoverage * 100).toFixed(1)} %)`
                            : ''
                        }`
                      : NOT_ENOUGH}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
