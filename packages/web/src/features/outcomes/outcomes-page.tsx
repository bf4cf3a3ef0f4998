import type { ChangeSummary, Outcomes } from '@anagen/core/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { fmtDateTimeUnzoned } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';
import { ChangeDistribution } from './change-distribution';
import { outcomesCsv, reasonLabel, share, signed } from './outcomes-format';

const DEFAULT_TREATMENT = 'prp';

/** Staff (clinicians, admins): how a treatment's patients did, with exclusions and the published figure. */
export function OutcomesPage() {
  usePageMeta('Outcomes');
  const [params, setParams] = useSearchParams();
  const treatment = params.get('treatment') ?? DEFAULT_TREATMENT;
  const providerId = params.get('providerId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const query = new URLSearchParams({ treatment });
  if (providerId) query.set('providerId', providerId);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const qs = query.toString();
  const outcomes = useQuery({
    queryKey: ['outcomes', qs],
    queryFn: () => api.get<Outcomes>(`/api/outcomes?${qs}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'treatment') next.delete('providerId');
    setParams(next, { replace: true });
  };
  const data = outcomes.data;
  const csvHref = useMemo(
    () => (data ? `data:text/csv;charset=utf-8,${encodeURIComponent(outcomesCsv(data))}` : undefined),
    [data],
  );
  return (
    <>
      <h1>Outcomes</h1>
      <p className="muted">
        How patients on a treatment did, measured on calibrated close-ups of the same scalp site. Every
        patient who started is counted; those who could not be measured are listed with the reason.
      </p>
      <form className="row-inline outcomes-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div className="field">
          <label htmlFor="outcomes-treatment">Treatment</label>
          <select
            id="outcomes-treatment"
            value={treatment}
            onChange={(e) => set('treatment', e.target.value)}
          >
            {(data?.options.treatments ?? [{ slug: treatment, name: data?.treatment.name ?? treatment }])
              .concat(
                data && !data.options.treatments.some((t) => t.slug === treatment)
                  ? [{ slug: treatment, name: data.treatment.name }]
                  : [],
              )
              .map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcomes-provider">Provider</label>
          <select
            id="outcomes-provider"
            value={providerId}
            onChange={(e) => set('providerId', e.target.value)}
          >
            <option value="">All providers</option>
            {data?.options.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcomes-from">Started from</label>
          <input id="outcomes-from" type="date" value={from} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="outcomes-to">Started until</label>
          <input id="outcomes-to" type="date" value={to} onChange={(e) => set('to', e.target.value)} />
        </div>
        {csvHref && (
          <a className="btn secondary" href={csvHref} download={`outcomes-${treatment}.csv`}>
            Download CSV
          </a>
        )}
      </form>
      {outcomes.isPending && <Loading label="Calculating outcomes…" />}
      {outcomes.error && <ErrorState error={outcomes.error} />}
      {data && data.patients.started === 0 && (
        <EmptyState title="No patients started this treatment in this period">
          Outcomes appear once plans have started and patients have a baseline close-up. Try another
          treatment, provider or a longer period.
        </EmptyState>
      )}
      {data && data.patients.started > 0 && <OutcomesReport o={data} />}
    </>
  );
}

function OutcomesReport({ o }: { o: Outcomes }) {
  const { data: clinic } = useClinicInfo();
  const band = o.published.density;
  const comparable = band && band.unit === 'hairs-per-cm2';
  const excludedTotal = o.patients.excluded.reduce((s, e) => s + e.count, 0);
  const computed = fmtDateTimeUnzoned(o.computedAt, clinic?.timeZone ?? 'UTC');
  return (
    <div className="stack">
      <section className="card" aria-labelledby="cohort-h">
        <h2 id="cohort-h">Patients</h2>
        <dl className="summary-facts">
          <div>
            <dt>Started</dt>
            <dd data-testid="started">{o.patients.started}</dd>
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
          <div>
            <dt>Excluded from change figures</dt>
            <dd>{excludedTotal}</dd>
          </div>
        </dl>
        {o.patients.excluded.length > 0 && (
          <ul aria-label="Reasons for exclusion">
            {o.patients.excluded.map((e) => (
              <li key={e.reason}>
                {reasonLabel(e.reason)}: {e.count}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          Calculated {computed} ({clinic?.timeZone ?? 'UTC'}).
        </p>
      </section>

      <section className="card" aria-labelledby="density-h">
        <h2 id="density-h">Change in hair density</h2>
        <ChangeDistribution
          rows={o.density}
          unit="hairs/cm²"
          published={
            comparable
              ? {
                  value: band.value,
                  label: `Published: ${signed(band.value)} hairs/cm² (${band.label})`,
                }
              : null
          }
        />
        <p className="muted small">
          Dots: one patient each. Box: middle half of patients. Black line: median. Bar below: 95 % interval
          of the median (from 5 patients).
          {comparable && ' Dashed line: the published trial figure.'}
        </p>
        <ChangeTable rows={o.density} unit="hairs/cm²" caption="Change in density from baseline" />
        {band && (
          <p className="band-note" data-testid="published">
            <strong>Published:</strong> {band.label}: {signed(band.value)} {unitLabel(band.unit)}
            {band.ciLow !== null &&
              band.ciHigh !== null &&
              ` (95 % CI ${signed(band.ciLow)} to ${signed(band.ciHigh)})`}
            {band.controlValue !== null && `; control ${signed(band.controlValue)}`}. {band.caveat}{' '}
            {band.studies.map((s) => (
              <a key={s.id} href={s.href} className="cite">
                {s.citation}
              </a>
            ))}
          </p>
        )}
        {!band && (
          <p className="muted">No published trial figure for this treatment in the evidence library.</p>
        )}
      </section>

      <section className="card" aria-labelledby="responders-h">
        <h2 id="responders-h">Responders</h2>
        <p data-testid="responders">
          {o.responders.n === 0
            ? 'No patient has a follow-up measurement yet.'
            : `${o.responders.count} of ${o.responders.n} patients changed by more than the measurement’s own uncertainty${
                share(o.responders.share)
                  ? ` (${share(o.responders.share)})`
                  : ' (too few patients for a percentage)'
              }; ${o.responders.worse} changed for the worse by more than it.`}
        </p>
      </section>

      <section className="card" aria-labelledby="pro-h">
        <h2 id="pro-h">Patients’ own view of change</h2>
        <p className="muted small">
          Answers to “Compared with just before you started this treatment, how is your hair now?” from −3
          (much worse) to +3 (much better). Our own question; see the definitions below.
        </p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Patient-reported change by time point</caption>
            <thead>
              <tr>
                <th scope="col">Time point</th>
                <th scope="col">Answers</th>
                <th scope="col">Median</th>
                {[-3, -2, -1, 0, 1, 2, 3].map((v) => (
                  <th scope="col" key={v}>
                    {signed(v, 0)}
                  </th>
                ))}
                <th scope="col">Moderately or much better</th>
              </tr>
            </thead>
            <tbody>
              {o.patientReported.map((p) => (
                <tr key={p.month} data-testid={`pro-${p.month}`}>
                  <th scope="row">{p.month} months</th>
                  <td>{p.n}</td>
                  <td>{signed(p.median)}</td>
                  {p.counts.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed seven answer columns
                    <td key={i}>{c}</td>
                  ))}
                  <td>{p.n === 0 ? '—' : (share(p.betterShare) ?? 'too few patients')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="diameter-h">
        <h2 id="diameter-h">Change in mean hair diameter</h2>
        <ChangeDistribution rows={o.diameter} unit="µm" />
        <ChangeTable rows={o.diameter} unit="µm" caption="Change in mean diameter from baseline" />
      </section>

      <section className="card" aria-labelledby="se-h">
        <h2 id="se-h">Side effects</h2>
        <table>
          <caption className="visually-hidden">Side-effect reports per 100 sessions by severity</caption>
          <thead>
            <tr>
              <th scope="col">Severity (patient’s rating)</th>
              <th scope="col">Reports</th>
              <th scope="col">Per 100 sessions</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">All</th>
              <td>{o.sideEffects.reports}</td>
              <td data-testid="se-rate">{rate(o.sideEffects.per100Sessions)}</td>
            </tr>
            {o.sideEffects.bySeverity.map((s) => (
              <tr key={s.severity}>
                <th scope="row">{s.severity}</th>
                <td>{s.reports}</td>
                <td>{rate(s.per100Sessions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Over {o.sideEffects.sessions} recorded sessions.</p>
        {o.published.sideEffects.length > 0 && (
          <>
            <h3>Published</h3>
            <ul>
              {o.published.sideEffects.map((s) => (
                <li key={s.name}>
                  {s.name}: {stripMarkers(s.frequency)}{' '}
                  <span className="muted">({s.citations.join('; ')})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {o.byProvider.length > 1 && (
        <section className="card" aria-labelledby="prov-h">
          <h2 id="prov-h">By provider (density change at the time point with most patients)</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Started</th>
                <th scope="col">Time point</th>
                <th scope="col">n</th>
                <th scope="col">Median</th>
                <th scope="col">95 % interval</th>
              </tr>
            </thead>
            <tbody>
              {o.byProvider.map((p) => {
                const at = p.density.reduce((best, d) => (d.n > best.n ? d : best), p.density[0]!);
                return (
                  <tr key={p.providerId}>
                    <th scope="row">{p.name}</th>
                    <td>{p.started}</td>
                    <td>{at.month} months</td>
                    <td>{at.n}</td>
                    <td>{signed(at.median)}</td>
                    <td>{at.ci95 ? `${signed(at.ci95[0])} to ${signed(at.ci95[1])}` : 'too few patients'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <section className="card" aria-labelledby="def-h">
        <h2 id="def-h">How these figures are made</h2>
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
      </section>
    </div>
  );
}

/** Evidence-library text carries footnote markers ([^id]); the citations are listed beside it. */
const stripMarkers = (t: string) => t.replace(/\s*\[\^[\w-]+\]/g, '');
const rate = (v: number | null) => (v === null ? 'too few patients' : v.toFixed(1));
const unitLabel = (u: string) =>
  u === 'hairs-per-cm2' ? 'hairs/cm²' : u === 'percent-change-hair-count' ? '% hair count' : u;

function ChangeTable({
  rows,
  unit,
  caption,
}: {
  rows: readonly ChangeSummary[];
  unit: string;
  caption: string;
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time point</th>
            <th scope="col">Patients</th>
            <th scope="col">Median ({unit})</th>
            <th scope="col">Middle half</th>
            <th scope="col">95 % interval of the median</th>
            <th scope="col">Responders</th>
            <th scope="col">Not counted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.month} data-testid={`row-${d.month}`}>
              <th scope="row">{d.month} months</th>
              <td>{d.n}</td>
              <td>{signed(d.median)}</td>
              <td>{d.q1 === null || d.q3 === null ? '—' : `${signed(d.q1)} to ${signed(d.q3)}`}</td>
              <td>
                {d.ci95
                  ? `${signed(d.ci95[0])} to ${signed(d.ci95[1])}${
                      d.ciCoverage !== null && d.ciCoverage < 0.95
                        ? ` (covers ${(d.ciCoverage * 100).toFixed(1)} %)`
                        : ''
                    }`
                  : d.n > 0
                    ? 'too few patients (under 5)'
                    : '—'}
              </td>
              <td>
                {d.n === 0
                  ? '—'
                  : `${d.responders.count} of ${d.responders.n}${share(d.responders.share) ? ` (${share(d.responders.share)})` : ''}`}
              </td>
              <td>
                {[
                  ...d.excluded.map((e) => `${reasonLabel(e.reason)}: ${e.count}`),
                  ...(d.missing ? [`not measured: ${d.missing}`] : []),
                ].join('; ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
