import type { Progress, ReferenceBand, SiteSeries } from '@anagen/core/contracts';
import { lazy, Suspense, useId } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { fmtDate } from '../../lib/clinic-time';
import { fmt, fmtPct, fmtSigned, METRICS, metricValue } from './format';
import { useCustomSites, useProgress } from './progress-api';
import { ReferenceBandNote } from './reference-band-note';
import { SiteDiagram } from './site-diagram';
import { siteLabel } from './view-protocols';

const ProgressChart = lazy(() => import('./progress-chart'));

const CHARTED = ['densityPerCm2', 'meanDiameterUm', 'vellusRatio'] as const;

function SiteSummary({ s }: { s: SiteSeries }) {
  const first = s.points[0]!;
  const last = s.points.at(-1)!;
  if (s.points.length < 2)
    return <p>One measurement so far ({fmtDate(first.takenAt)}): this is the baseline.</p>;
  const d = last.change.densityPerCm2;
  const flagged = s.points.filter((p) => p.qualityIssues.length > 0).length;
  return (
    <p>
      Density {fmt('densityPerCm2', first.densityPerCm2)} → {fmt('densityPerCm2', last.densityPerCm2)}:{' '}
      <strong>
        {fmtSigned('densityPerCm2', d.abs)} ({fmtPct(d.pct)})
      </strong>{' '}
      over {last.monthsSinceBaseline.toFixed(1)} months. {countErrorInWords(last.uncertainty.densityPerCm2)}{' '}
      {vellusInWords(last.vellusRatio)}
      {flagged > 0 &&
        ` ${flagged} of these images had a quality warning (for example blur or exposure); read those values with extra caution.`}
    </p>
  );
}

/**
 * "± 11.9 hairs/cm²" reads as jargon to most patients: say what it means for the count, in words.
 * Exported so the staff chart and the portal say the same thing.
 */
function countErrorInWords(densityUncertainty: number): string {
  const n = Math.max(1, Math.round(densityUncertainty));
  return `Each count could be about ${n} hairs per square centimetre off either way, so a change smaller than that may be chance.`;
}

/** A vellus share of 0.043 as "about 4 in 100 hairs are fine, thin hairs". */
function vellusInWords(share: number): string {
  const per100 = Math.round(share * 100);
  if (per100 === 0) return 'Almost none of the hairs counted are fine, thin (vellus) hairs.';
  return `About ${per100} in 100 hairs counted are fine, thin (vellus) hairs.`;
}

/** The same numbers as the charts, for screen readers and for reading exact values. */
function ProgressTable({ s }: { s: SiteSeries }) {
  return (
    <table className="progress-table">
      <caption>Measurements at {siteLabel(s.site)}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Months</th>
          {CHARTED.map((m) => (
            <th scope="col" key={m}>
              {METRICS[m].label} (± how far off it could be) · change from baseline
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {s.points.map((p) => (
          <tr key={p.measurementId}>
            <th scope="row">
              {fmtDate(p.takenAt)}
              {p.source === 'verified' ? (
                <span className="badge neutral">verified by clinician</span>
              ) : (
                p.corrected && <span className="badge neutral">reviewed</span>
              )}
              {p.qualityIssues.length > 0 && (
                <span className="badge grade-low">image: {p.qualityIssues.join(', ')}</span>
              )}
            </th>
            {/* data-label: on a phone each row becomes a card and the cell names its own column (styles.css). */}
            <td data-label="Months">{p.monthsSinceBaseline.toFixed(1)}</td>
            {CHARTED.map((m) => (
              <td key={m} data-label={METRICS[m].label}>
                {fmt(m, p[m])} ± {metricValue(m, p.uncertainty[m]).toFixed(METRICS[m].digits)}
                <br />
                <span className="muted small">
                  {fmtSigned(m, p.change[m].abs)} ({fmtPct(p.change[m].pct)})
                </span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SiteSection({ s, band }: { s: SiteSeries; band: ReferenceBand | undefined }) {
  const ids = useId();
  const siteBand = band ? s.bands.find((b) => b.bandId === band.id) : undefined;
  return (
    <section className="card progress-site" aria-labelledby={`${ids}-h`}>
      <div className="progress-site-head">
        <div>
          <h3 id={`${ids}-h`}>{siteLabel(s.site)}</h3>
          <SiteSummary s={s} />
        </div>
        <SiteDiagram site={s.site} size={72} />
      </div>
      <Suspense fallback={<Loading label="Drawing charts…" />}>
        <figure className="progress-figure">
          <figcaption>
            {/* Neutral wording: the same chart is in the portal and on the staff chart. */}
            <strong>Density</strong> — each measurement with ± uncertainty whiskers; dashed line: the baseline
            {siteBand ? '; shaded: the published result, drawn from the baseline' : ''}.
          </figcaption>
          <ProgressChart
            series={s}
            metric="densityPerCm2"
            band={band && siteBand ? { ref: band, site: siteBand } : undefined}
          />
        </figure>
        {band && siteBand && <ReferenceBandNote band={band} />}
        <div className="progress-small-charts">
          <figure className="progress-figure">
            <figcaption>
              <strong>Mean hair diameter</strong> (thicker is better)
            </figcaption>
            <ProgressChart series={s} metric="meanDiameterUm" height={200} />
          </figure>
          <figure className="progress-figure">
            <figcaption>
              <strong>Vellus (fine) hairs</strong> (a falling share is better)
            </figcaption>
            <ProgressChart series={s} metric="vellusRatio" height={200} />
          </figure>
        </div>
        {band && siteBand && (
          <p className="muted small">
            Trials report hair counts, so diameter and vellus charts have no published band.
          </p>
        )}
      </Suspense>
      <details className="progress-table-details">
        <summary>Table of these measurements</summary>
        <TableScroll label={`Measurements at ${siteLabel(s.site)}`}>
          <ProgressTable s={s} />
        </TableScroll>
      </details>
    </section>
  );
}

/** How the ± figures are worked out: the plain reading first, the statistics for those who open it. */
function UncertaintyMethod({ text }: { text: string }) {
  return (
    <details className="muted small uncertainty-method">
      <summary>How sure are these numbers?</summary>
      <p>
        No photo count is exact: blur, light and where the photo was taken all move it a little. The “±”
        beside each figure says how far off it could be. A change smaller than that may be chance, not a real
        change.
      </p>
      <p>The statistics behind it: {text}</p>
    </details>
  );
}

function TreatmentPicker({
  progress,
  value,
  onChange,
}: {
  progress: Progress;
  value: string | undefined;
  onChange: (slug: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field treatment-picker">
      <label htmlFor={id}>Compare with published results for</label>
      <select
        id={id}
        value={value ?? progress.treatment?.slug ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">No comparison</option>
        {progress.comparableTreatments.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name}
          </option>
        ))}
      </select>
      <span className="hint">
        {progress.treatment?.source === 'plan'
          ? `Treatment plan on record: ${progress.treatment.name}.`
          : 'No treatment plan on record; choose a treatment to see what studies found.'}
      </span>
    </div>
  );
}

/** Progress charts for every measured site, with published-trial bands for the patient's treatment. */
export function ProgressResults({
  patientId,
  treatment,
  onTreatmentChange,
}: {
  patientId: string;
  treatment: string | undefined;
  onTreatmentChange: (slug: string | undefined) => void;
}) {
  useCustomSites(); // the clinic's own site names, for siteLabel
  const progress = useProgress(patientId, treatment);
  if (progress.isPending) return <Loading label="Loading measurements…" />;
  if (progress.error) return <ErrorState error={progress.error} title="Could not load the measurements" />;
  const p = progress.data;
  const band = p.referenceBands[0];
  return (
    <div className="stack">
      <TreatmentPicker progress={p} value={treatment} onChange={onTreatmentChange} />
      {band && !band.charted && <ReferenceBandNote band={band} />}
      {p.sites.length === 0 ? (
        <EmptyState title="No measurements yet">
          Close-up (trichoscopy) photos taken at the clinic are measured automatically; results appear here.
        </EmptyState>
      ) : (
        p.sites.map((s) => <SiteSection key={s.site} s={s} band={band} />)
      )}
      <UncertaintyMethod text={p.uncertaintyMethod} />
    </div>
  );
}
