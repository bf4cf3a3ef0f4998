import { PHOTO_VIEW_VALUES, type Photo, type PhotoViewName } from '@anagen/core/contracts';
import { useId, useMemo, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { fmtDate } from '../../lib/clinic-time';
import { fmt, fmtMonths, fmtPct, fmtSigned, METRICS } from './format';
import { useCompare, useCustomSites, usePhotos } from './progress-api';
import { siteLabel, VIEW_LABELS } from './view-protocols';

function Stamp({ photo, months }: { photo: Photo; months: number | undefined }) {
  return (
    <span className="ba-stamp">
      {fmtDate(photo.takenAt)}
      {months !== undefined && <> · {fmtMonths(months)}</>}
    </span>
  );
}

/**
 * Before/after for one view and two dates: side by side or a drag slider. Both images sit in the
 * same 4:3 frame with the same fit, so crop and scale match; dates and months since baseline are
 * stamped on the images; measured deltas (with uncertainty) sit beneath.
 */
export function BeforeAfter({ patientId }: { patientId: string }) {
  useCustomSites(); // the clinic's own site names, for siteLabel
  const ids = useId();
  const photos = usePhotos(patientId);
  // One series per view, and per scalp site for close-ups: a before and after compares like with like.
  const series = useMemo(() => {
    const m = new Map<string, { view: PhotoViewName; site: string | null; photos: Photo[] }>();
    for (const p of photos.data ?? []) {
      const site = p.view === 'trichoscopy' ? p.site : null;
      const key = site ? `${p.view}:${site}` : p.view;
      const entry = m.get(key) ?? { view: p.view, site, photos: [] };
      entry.photos.push(p);
      m.set(key, entry);
    }
    // Standard views first (vertex, frontal, …), close-ups last; only series with two photos.
    return [...m.entries()]
      .filter(([, v]) => v.photos.length >= 2)
      .sort(([, x], [, y]) => PHOTO_VIEW_VALUES.indexOf(x.view) - PHOTO_VIEW_VALUES.indexOf(y.view));
  }, [photos.data]);
  const [chosenKey, setKey] = useState<string | null>(null);
  const current = series.find(([k]) => k === chosenKey) ?? series[0];
  const seriesKey = current?.[0];
  const view = current?.[1].view;
  const list = current?.[1].photos ?? [];
  const [aId, setA] = useState<string | null>(null);
  const [bId, setB] = useState<string | null>(null);
  const a = list.find((p) => p.id === aId) ?? list[0];
  const b = list.find((p) => p.id === bId) ?? list.at(-1);
  const [mode, setMode] = useState<'side' | 'slider'>('side');
  const [split, setSplit] = useState(50);
  const compare = useCompare(patientId, view ?? 'vertex', a?.id, b?.id);

  if (photos.isPending) return <Loading label="Loading photos…" />;
  if (photos.error) return <ErrorState error={photos.error} title="Could not load the photos" />;
  if (!view || !a || !b) {
    return (
      <EmptyState title="Before and after">
        A comparison appears once there are two photos of the same view (for close-ups, of the same scalp
        site), taken on different days.
      </EmptyState>
    );
  }
  const c = compare.data;

  return (
    <section className="card" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Before and after</h2>
      <div className="row ba-controls">
        <div className="field">
          <label htmlFor={`${ids}-view`}>View</label>
          <select
            id={`${ids}-view`}
            value={seriesKey}
            onChange={(e) => {
              setKey(e.target.value);
              setA(null);
              setB(null);
            }}
          >
            {series.map(([key, v]) => (
              <option key={key} value={key}>
                {VIEW_LABELS[v.view]}
                {v.site ? ` · ${siteLabel(v.site)}` : ''}
              </option>
            ))}
          </select>
        </div>
        {(
          [
            ['Before', a, setA],
            ['After', b, setB],
          ] as const
        ).map(([label, current, set]) => (
          <div className="field" key={label}>
            <label htmlFor={`${ids}-${label}`}>{label}</label>
            <select id={`${ids}-${label}`} value={current.id} onChange={(e) => set(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {fmtDate(p.takenAt)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <fieldset className="ba-mode">
          <legend>Show</legend>
          <label>
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={mode === 'side'}
              onChange={() => setMode('side')}
            />{' '}
            Side by side
          </label>
          <label>
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={mode === 'slider'}
              onChange={() => setMode('slider')}
            />{' '}
            Slider
          </label>
        </fieldset>
      </div>

      {mode === 'side' ? (
        <div className="ba-side" data-testid="before-after-side">
          {[
            [a, c?.a.monthsSinceBaseline, 'Before'],
            [b, c?.b.monthsSinceBaseline, 'After'],
          ].map(([p, months, label]) => (
            <figure key={label as string} className="ba-frame">
              <img
                src={(p as Photo).imageUrl}
                alt={`${label}: ${VIEW_LABELS[view]}, ${fmtDate((p as Photo).takenAt)}`}
              />
              <Stamp photo={p as Photo} months={months as number | undefined} />
            </figure>
          ))}
        </div>
      ) : (
        <div className="stack" data-testid="before-after-slider">
          <div
            className="ba-frame ba-slider"
            onPointerMove={(e) => {
              if (e.buttons !== 1) return;
              const r = e.currentTarget.getBoundingClientRect();
              setSplit(Math.min(100, Math.max(0, ((e.clientX - r.left) / r.width) * 100)));
            }}
          >
            <img src={b.imageUrl} alt={`After: ${fmtDate(b.takenAt)}`} />
            <img
              className="ba-slider-before"
              src={a.imageUrl}
              alt={`Before: ${fmtDate(a.takenAt)}`}
              style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
            />
            <span className="ba-slider-line" style={{ left: `${split}%` }} aria-hidden="true" />
            <span className="ba-stamp ba-stamp-left">
              Before · {fmtDate(a.takenAt)}
              {c && ` · ${fmtMonths(c.a.monthsSinceBaseline)}`}
            </span>
            <span className="ba-stamp">
              After · {fmtDate(b.takenAt)}
              {c && ` · ${fmtMonths(c.b.monthsSinceBaseline)}`}
            </span>
          </div>
          <div className="field ba-slider-control">
            <label htmlFor={`${ids}-split`}>Slider position (drag on the image or use this control)</label>
            <input
              id={`${ids}-split`}
              type="range"
              min="0"
              max="100"
              value={split}
              onChange={(e) => setSplit(Number(e.target.value))}
            />
          </div>
        </div>
      )}

      {c && (
        <p className="muted small">
          {c.monthsBetween.toFixed(1)} months apart. Both photos are shown in the same frame and fit, so crop
          and scale match; differences in angle or light still change how hair looks.
        </p>
      )}
      {a.umPerPx && b.umPerPx && Math.abs(a.umPerPx / b.umPerPx - 1) > 0.05 && (
        <p className="alert warn" role="note">
          These close-ups were taken at different magnifications ({a.umPerPx} and {b.umPerPx} µm per pixel),
          so the same hair looks a different size in each picture. The measured numbers are in micrometres and
          can be compared; the pictures alone cannot.
        </p>
      )}
      {compare.error && <ErrorState error={compare.error} title="Could not compare these photos" />}
      {c && c.deltas.length > 0 && (
        <TableScroll label="Measured changes">
          <table className="ba-deltas">
            <caption>
              Measured at {siteLabel(c.deltas[0]!.site)} on the same visits
              {sourceNote(c.deltas[0]!.sources)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Change</th>
                <th scope="col">Uncertainty of the change</th>
              </tr>
            </thead>
            <tbody>
              {c.deltas.map((d) => (
                <tr key={d.metric}>
                  <th scope="row">{METRICS[d.metric].label}</th>
                  <td>{fmt(d.metric, d.a)}</td>
                  <td>{fmt(d.metric, d.b)}</td>
                  <td>
                    {fmtSigned(d.metric, d.abs)} ({fmtPct(d.pct)})
                  </td>
                  <td>± {fmt(d.metric, d.uncertainty)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {c && c.deltas.length === 0 && (
        <p className="muted">
          No close-up was measured at this site on both visits, so there are no numbers to compare.
        </p>
      )}
    </section>
  );
}

const SOURCE_LABEL = {
  auto: 'automatic',
  corrected: 'corrected by clinician',
  verified: 'verified by clinician',
} as const;

/** Says when a side shows a clinician's value instead of the engine's. */
function sourceNote(s: { a: keyof typeof SOURCE_LABEL; b: keyof typeof SOURCE_LABEL }): string {
  if (s.a === 'auto' && s.b === 'auto') return '';
  if (s.a === s.b) return ` · both counts ${SOURCE_LABEL[s.a]}`;
  return ` · before: ${SOURCE_LABEL[s.a]}, after: ${SOURCE_LABEL[s.b]}`;
}
