import type { MeasurementHairs } from '@anagen/core/contracts';
import { useId, useMemo, useReducer, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { fmtDateTime, visitorZone } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';
import { useMe } from '../auth/use-me';
import { HairLegend, HairMark } from './hair-marks';
import { useMeasurementHairs, useVerifyMeasurement } from './hair-review-api';
import { describeQualityIssue } from './quality-issues';
import { initialReview, type ReviewMark, removedSince, reviewReducer } from './review-state';
import { useViewport } from './use-viewport';

/** `/staff/measurements/:id/review`: a clinician checks the engine's hairs one by one on the image. */
export default function HairReviewPage() {
  const { id = '' } = useParams();
  usePageMeta('Review hairs');
  const hairs = useMeasurementHairs(id);
  // A verified list is reviewed against the engine's own, so the hairs it removed can be restored.
  const engine = useMeasurementHairs(hairs.data?.source === 'verified' ? hairs.data.correctsId : null);
  if (hairs.isPending || (hairs.data?.source === 'verified' && engine.isPending)) {
    return <Loading label="Loading the hairs…" />;
  }
  if (hairs.error) return <ErrorState error={hairs.error} title="Could not load the hairs" />;
  return <HairReview data={hairs.data} engineHairs={engine.data?.hairs ?? null} />;
}

function HairReview({
  data,
  engineHairs,
}: {
  data: MeasurementHairs;
  engineHairs: MeasurementHairs['hairs'] | null;
}) {
  const ids = useId();
  const navigate = useNavigate();
  const me = useMe().data;
  const zone = useClinicInfo().data?.timeZone;
  const canVerify = me?.role === 'clinician';
  const [state, dispatch] = useReducer(reviewReducer, undefined, () =>
    initialReview(data.hairs, engineHairs ? removedSince(engineHairs, data.hairs) : []),
  );
  const [selected, setSelected] = useState<number | null>(null);
  const [cursor, setCursor] = useState({ x: Math.round(data.width / 2), y: Math.round(data.height / 2) });
  const [announce, setAnnounce] = useState('');
  const [note, setNote] = useState('');
  const verify = useVerifyMeasurement(data.patientId);
  const view = useViewport(data.width, data.height);

  const ordered = useMemo(
    () => [...state.marks].sort((a, b) => a.y - b.y || a.x - b.x || a.key - b.key),
    [state.marks],
  );
  const kept = state.marks.filter((m) => !m.removed);
  const added = kept.filter((m) => m.origin === 'added').length;
  const removed = state.marks.filter((m) => m.removed && m.origin === 'engine').length;
  const density = kept.length / data.areaCm2;
  const edited = state.past.length > 0;
  const stackIndex = useMemo(() => {
    const seen = new Map<string, number>();
    const out = new Map<number, number>();
    for (const m of state.marks) {
      const k = `${m.x},${m.y}`;
      out.set(m.key, seen.get(k) ?? 0);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    return out;
  }, [state.marks]);

  const describe = (m: ReviewMark, after: boolean) =>
    `Hair ${ordered.findIndex((o) => o.key === m.key) + 1} of ${ordered.length}: ${
      m.origin === 'added' ? 'added by you' : m.class
    }${m.diameterUm === null ? '' : `, ${m.diameterUm} µm`}, ${after ? 'removed' : 'counted'}.`;

  function toggle(key: number) {
    const m = state.marks.find((o) => o.key === key);
    if (!m || !canVerify) return;
    dispatch({ type: 'toggle', key });
    setSelected(key);
    setAnnounce(describe(m, !m.removed));
  }
  function add(x: number, y: number) {
    if (!canVerify) return;
    // The pixel under the pointer (the keyboard cross sits on whole pixels already).
    const px = Math.floor(x);
    const py = Math.floor(y);
    if (px < 0 || py < 0 || px >= data.width || py >= data.height) return;
    dispatch({ type: 'add', x: px, y: py });
    setSelected(state.nextKey);
    setAnnounce(`Hair added at ${px}, ${py}. ${kept.length + 1} hairs counted.`);
  }
  function step(dir: 1 | -1) {
    if (!ordered.length) return;
    const at = ordered.findIndex((o) => o.key === selected);
    const next = ordered[(at + dir + ordered.length) % ordered.length]!;
    setSelected(next.key);
    setCursor({ x: next.x, y: next.y });
    view.reveal(next.x, next.y);
    setAnnounce(describe(next, next.removed));
  }
  function moveCursor(dx: number, dy: number) {
    const x = Math.min(data.width - 1, Math.max(0, cursor.x + dx));
    const y = Math.min(data.height - 1, Math.max(0, cursor.y + dy));
    setCursor({ x, y });
    view.reveal(x, y);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const k = e.key;
    const mod = e.ctrlKey || e.metaKey;
    const stepPx = Math.max(1, Math.round((e.shiftKey ? 40 : 8) / view.scale));
    const keys = new Map<string, () => void>([
      ['n', () => step(1)],
      ['p', () => step(-1)],
      ['x', () => selected !== null && toggle(selected)],
      ['Delete', () => selected !== null && toggle(selected)],
      [' ', () => selected !== null && toggle(selected)],
      ['Enter', () => add(cursor.x, cursor.y)],
      ['a', () => add(cursor.x, cursor.y)],
      ['u', () => dispatch({ type: 'undo' })],
      ['r', () => dispatch({ type: 'redo' })],
      ['+', () => view.zoomAtImage(1.25, cursor.x, cursor.y)],
      ['=', () => view.zoomAtImage(1.25, cursor.x, cursor.y)],
      ['-', () => view.zoomAtImage(0.8, cursor.x, cursor.y)],
      ['0', () => view.fit()],
      ['ArrowLeft', () => moveCursor(-stepPx, 0)],
      ['ArrowRight', () => moveCursor(stepPx, 0)],
      ['ArrowUp', () => moveCursor(0, -stepPx)],
      ['ArrowDown', () => moveCursor(0, stepPx)],
    ]);
    let run = mod ? undefined : keys.get(k);
    if (mod && k.toLowerCase() === 'z') run = () => dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
    if (mod && k.toLowerCase() === 'y') run = () => dispatch({ type: 'redo' });
    if (!run) return;
    e.preventDefault();
    run();
  }

  const pointer = view.pointerHandlers({
    onTap: (target, x, y) => {
      const key = target.closest<SVGElement>('[data-key]')?.dataset.key;
      if (key !== undefined) toggle(Number(key));
      else add(x, y);
    },
  });

  async function save() {
    const ok = await verify
      .mutateAsync({
        id: data.correctsId ?? data.measurementId,
        hairs: kept.map((m) => ({ x: m.x, y: m.y })),
        note: note.trim() || undefined,
      })
      .then(() => true)
      .catch(() => false);
    if (ok)
      navigate(`/staff/patients/${encodeURIComponent(data.patientId)}/photos`, {
        state: { verified: kept.length },
      });
  }

  const q = data.quality;
  const verifiedAt = data.verifiedAt === null ? null : fmtDateTime(data.verifiedAt, zone ?? visitorZone());
  return (
    <div className="hair-review-page">
      <p className="small">
        <Link to={`/staff/patients/${encodeURIComponent(data.patientId)}/photos`}>
          ← Back to photos &amp; measurements
        </Link>
      </p>
      <h1>Review hairs</h1>
      <p className="muted">
        {data.source === 'verified'
          ? `Verified by ${data.verifiedByName ?? 'a clinician'}${verifiedAt ? ` on ${verifiedAt}` : ''}. Saving makes a newer verified count; the automatic one is kept.`
          : 'Each mark is a hair the engine counted, at the point where it leaves the skin. Remove false ones, add missed ones, then save. The automatic count is kept beside yours.'}
      </p>
      <div className="hair-review">
        <div className="hair-review-main">
          <div className="hair-toolbar" role="toolbar" aria-label="Image tools">
            <button type="button" className="btn secondary small" onClick={() => view.zoomCentre(1.25)}>
              Zoom in
            </button>
            <button type="button" className="btn secondary small" onClick={() => view.zoomCentre(0.8)}>
              Zoom out
            </button>
            <button type="button" className="btn secondary small" onClick={() => view.fit()}>
              Fit
            </button>
            <button
              type="button"
              className="btn secondary small"
              disabled={!state.past.length}
              onClick={() => dispatch({ type: 'undo' })}
            >
              Undo
            </button>
            <button
              type="button"
              className="btn secondary small"
              disabled={!state.future.length}
              onClick={() => dispatch({ type: 'redo' })}
            >
              Redo
            </button>
            <span className="muted small">{Math.round(view.scale * 100)} %</span>
          </div>
          <div
            className="hair-viewport"
            ref={view.ref}
            role="application"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the image surface takes the keys listed beside it
            tabIndex={0}
            aria-label="Trichoscopy image with hair marks"
            aria-describedby={`${ids}-keys`}
            onKeyDown={onKeyDown}
            {...pointer}
          >
            <div
              className="hair-canvas"
              style={{
                width: data.width,
                height: data.height,
                transform: `translate(${view.tx}px, ${view.ty}px) scale(${view.scale})`,
              }}
            >
              <img
                src={`/api/photos/${encodeURIComponent(data.photoId)}/image`}
                width={data.width}
                height={data.height}
                alt="Trichoscopy close-up under review"
                draggable={false}
              />
              <svg
                viewBox={`0 0 ${data.width} ${data.height}`}
                width={data.width}
                height={data.height}
                aria-hidden="true"
              >
                {[...state.marks]
                  .sort((a, b) => (stackIndex.get(b.key) ?? 0) - (stackIndex.get(a.key) ?? 0))
                  .map((m) => (
                    <HairMark
                      key={m.key}
                      mark={m}
                      scale={view.scale}
                      ring={stackIndex.get(m.key) ?? 0}
                      selected={m.key === selected}
                    />
                  ))}
                <g className="hair-cursor" transform={`translate(${cursor.x} ${cursor.y})`}>
                  <path
                    d={`M ${-10 / view.scale} 0 H ${-3 / view.scale} M ${3 / view.scale} 0 H ${10 / view.scale} M 0 ${-10 / view.scale} V ${-3 / view.scale} M 0 ${3 / view.scale} V ${10 / view.scale}`}
                    strokeWidth={1.5 / view.scale}
                  />
                </g>
              </svg>
            </div>
          </div>
          <p className="visually-hidden" aria-live="polite">
            {announce}
          </p>
        </div>
        <aside className="hair-review-side stack">
          <section className="card" aria-labelledby={`${ids}-count`}>
            <h2 id={`${ids}-count`}>Count</h2>
            <p className="hair-count" aria-live="polite">
              <strong>{kept.length}</strong> hairs · {density.toFixed(1)} /cm²
            </p>
            <p className="small muted">
              Engine: {data.source === 'verified' ? (engineHairs?.length ?? '–') : data.hairs.length} hairs ·
              removed {removed} · added {added}
              <br />
              Field {data.width}×{data.height} px at {data.umPerPx} µm/px = {data.areaCm2.toFixed(4)} cm²
            </p>
            <HairLegend marks={state.marks} />
          </section>
          <section className="card" aria-labelledby={`${ids}-engine`}>
            <h2 id={`${ids}-engine`}>Engine</h2>
            <p className="small">
              Version {data.engineVersion ?? 'unknown'}
              {q?.confidence !== undefined && <> · confidence {Math.round(q.confidence * 100)} %</>}
              {q?.expectedError !== undefined && (
                <> · count typically within ±{Math.round(q.expectedError * 100)} %</>
              )}
              {q?.countInterval && (
                <>
                  {' '}
                  · likely {q.countInterval[0]}–{q.countInterval[1]} hairs in the field
                </>
              )}
            </p>
            {q && !q.ok && (
              <p className="alert warn small">
                Check this image: {q.issues.map(describeQualityIssue).join(', ')}.
              </p>
            )}
            {q?.ok && q.issues.length === 0 && (
              <p className="small muted">No image-quality issues reported.</p>
            )}
          </section>
          <section className="card small" aria-labelledby={`${ids}-keys-h`}>
            <h2 id={`${ids}-keys-h`}>Mouse, touch and keys</h2>
            <div id={`${ids}-keys`}>
              <p>
                Click or tap a mark to remove it (again to restore); click the skin to add a hair there. Drag
                to pan; wheel or pinch to zoom.
              </p>
              <ul className="key-list">
                <li>
                  <kbd>n</kbd> / <kbd>p</kbd> next / previous hair
                </li>
                <li>
                  <kbd>x</kbd> or <kbd>Delete</kbd> remove or restore it
                </li>
                <li>
                  Arrow keys move the cross (<kbd>Shift</kbd>: faster); <kbd>Enter</kbd> adds a hair there
                </li>
                <li>
                  <kbd>u</kbd> / <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>r</kbd> / <kbd>Ctrl</kbd>+
                  <kbd>Y</kbd> redo
                </li>
                <li>
                  <kbd>+</kbd> / <kbd>-</kbd> zoom · <kbd>0</kbd> fit
                </li>
              </ul>
            </div>
          </section>
          {canVerify ? (
            <section className="card stack" aria-labelledby={`${ids}-save`}>
              <h2 id={`${ids}-save`}>Save</h2>
              <div className="field">
                <label htmlFor={`${ids}-note`}>Note (optional)</label>
                <textarea
                  id={`${ids}-note`}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
              {verify.error && (
                <div className="alert error" role="alert">
                  {verify.error.message}
                </div>
              )}
              <button type="button" className="btn" disabled={verify.isPending} onClick={save}>
                {edited
                  ? `Save verified count (${kept.length} hairs)`
                  : `Looks right: confirm ${kept.length} hairs`}
              </button>
            </section>
          ) : (
            <p className="small muted">Only clinicians can save a verified count.</p>
          )}
          <p className="small">
            <Link to="/staff/hair-count-agreement">How the automatic count agrees with clinicians here</Link>
          </p>
        </aside>
      </div>
    </div>
  );
}
