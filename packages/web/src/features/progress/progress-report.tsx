import type { Photo, SiteSeries } from '@anagen/core/contracts';
import { lazy, Suspense } from 'react';
import { ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { fmtDate } from '../../lib/clinic-time';
import { fmt, fmtMonths, fmtPct, fmtSigned, METRICS, metricValue } from './format';
import { useCustomSites, usePhotos, useProgress } from './progress-api';
import { bandValueText } from './reference-band-note';
import { siteLabel, VIEW_LABELS } from './view-protocols';

const ProgressChart = lazy(() => import('./progress-chart'));
const ROWS = ['densityPerCm2', 'meanDiameterUm', 'vellusRatio'] as const;

function SiteTable({ s }: { s: SiteSeries }) {
  const first = s.points[0]!;
  const last = s.points.at(-1)!;
  return (
    // At phone width the five columns are wider than the screen; the table scrolls, not the page.
    <TableScroll label={`${siteLabel(s.site)} measurements`}>
      <table className="report-table">
        <caption>
          {siteLabel(s.site)}: {s.points.length} measurements, {fmtDate(first.takenAt)} to{' '}
          {fmtDate(last.takenAt)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Baseline</th>
            <th scope="col">Latest</th>
            <th scope="col">Change</th>
            <th scope="col">± per measurement</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((m) => (
            <tr key={m}>
              <th scope="row">{METRICS[m].label}</th>
              <td>{fmt(m, first[m])}</td>
              <td>{fmt(m, last[m])}</td>
              <td>
                {fmtSigned(m, last.change[m].abs)} ({fmtPct(last.change[m].pct)})
              </td>
              <td>
                ± {metricValue(m, last.uncertainty[m]).toFixed(METRICS[m].digits)}{' '}
                {m === 'vellusRatio' ? 'points' : METRICS[m].unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function pickPair(photos: Photo[]): [Photo, Photo] | null {
  const standard = photos.filter((p) => p.view !== 'trichoscopy');
  const pool = standard.length >= 2 ? standard : photos;
  const counts = new Map<string, Photo[]>();
  for (const p of pool) counts.set(p.view, [...(counts.get(p.view) ?? []), p]);
  const best = [...counts.values()].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length)[0];
  return best ? [best[0]!, best.at(-1)!] : null;
}

/** One printable page: numbers per site, the density chart, one before/after pair, the caveats. */
export function ProgressReport({
  patientId,
  patientName,
  treatment,
}: {
  patientId: string;
  patientName: string;
  treatment?: string | undefined;
}) {
  useCustomSites(); // the clinic's own site names, for siteLabel
  const progress = useProgress(patientId, treatment);
  const photos = usePhotos(patientId);
  if (progress.isPending || photos.isPending) return <Loading label="Preparing the report…" />;
  if (progress.error) return <ErrorState error={progress.error} title="Could not prepare the report" />;
  const p = progress.data;
  const band = p.referenceBands[0];
  const pair = photos.data ? pickPair(photos.data) : null;
  const baselineOf = (ph: Photo) => photos.data?.find((x) => x.view === ph.view);
  const months = (ph: Photo) => {
    const base = baselineOf(ph);
    return base ? (Date.parse(ph.takenAt) - Date.parse(base.takenAt)) / (30.4375 * 86_400_000) : 0;
  };
  return (
    <article className="progress-report">
      <header className="report-header">
        <h1>Progress report: {patientName}</h1>
        <p className="muted small">
          Prepared {fmtDate(new Date().toISOString())} · Anagen
          {p.treatment && <> · Treatment: {p.treatment.name}</>}
        </p>
        <button type="button" className="btn no-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </header>
      {p.sites.length === 0 && <p>No measurements yet.</p>}
      {p.sites.map((s) => {
        const sb = band ? s.bands.find((b) => b.bandId === band.id) : undefined;
        return (
          <section key={s.site} className="report-site">
            <SiteTable s={s} />
            <Suspense fallback={null}>
              <ProgressChart
                series={s}
                metric="densityPerCm2"
                band={band && sb ? { ref: band, site: sb } : undefined}
                height={200}
              />
            </Suspense>
          </section>
        );
      })}
      {band && (
        <p className="small">
          <strong>Published result for comparison:</strong> {band.label}: {bandValueText(band)}. {band.caveat}{' '}
          Source: {band.studies.map((s) => s.citation).join('; ')}.
        </p>
      )}
      {pair && (
        <section className="report-photos">
          <h2>
            {VIEW_LABELS[pair[0].view]}: {fmtDate(pair[0].takenAt)} and {fmtDate(pair[1].takenAt)}
          </h2>
          <div className="ba-side">
            {pair.map((ph) => (
              <figure key={ph.id} className="ba-frame">
                <img src={ph.imageUrl} alt={`${VIEW_LABELS[ph.view]}, ${fmtDate(ph.takenAt)}`} />
                <span className="ba-stamp">
                  {fmtDate(ph.takenAt)} · {fmtMonths(Math.round(months(ph) * 10) / 10)}
                </span>
              </figure>
            ))}
          </div>
        </section>
      )}
      <footer className="small muted">
        <p>{p.uncertaintyMethod}</p>
        <p>
          Measurements come from small areas of skin and vary from visit to visit; a single change is best
          read together with the photos and your clinician’s examination. Trial results are group averages,
          not predictions for one person.
        </p>
      </footer>
    </article>
  );
}
