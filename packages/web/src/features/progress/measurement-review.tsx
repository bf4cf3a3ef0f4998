import type { Measurement } from '@anagen/core/contracts';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { fmtDate } from '../../lib/clinic-time';
import { fmt } from './format';
import { useCorrectMeasurement, useCustomSites, useMeasurements } from './progress-api';
import { siteLabel } from './view-protocols';

function CorrectionForm({ m, patientId, onDone }: { m: Measurement; patientId: string; onDone: () => void }) {
  const ids = useId();
  const [count, setCount] = useState(String(m.hairCount));
  const [reason, setReason] = useState('');
  const correct = useCorrectMeasurement(patientId);
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await correct
          .mutateAsync({ id: m.id, hairCount: Number(count), reason })
          .then(() => true)
          .catch(() => false);
        if (ok) onDone();
      }}
    >
      <div className="field">
        <label htmlFor={`${ids}-count`}>Hair count after review</label>
        <input
          id={`${ids}-count`}
          type="number"
          min="0"
          required
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <span className="hint">
          Stored beside the automatic count ({m.hairCount}); the automatic value is kept.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>Reason</label>
        <textarea
          id={`${ids}-reason`}
          required
          minLength={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {correct.error && (
        <div className="alert error" role="alert">
          {correct.error.message}
        </div>
      )}
      <button type="submit" className="btn" disabled={correct.isPending}>
        Save correction
      </button>
    </form>
  );
}

/**
 * Whether a clinician has looked at a reading: a correction or a verification is itself reviewed,
 * and an automatic reading is reviewed once one of those sits beside it.
 */
function reviewState(m: Measurement, all: readonly Measurement[]): 'reviewed' | 'unreviewed' {
  if (m.source !== 'auto') return 'reviewed';
  return all.some((x) => x.correctsId === m.id) ? 'reviewed' : 'unreviewed';
}

/** Newest first: the reading a clinician opens the chart for is at the top. */
const newestFirst = (list: readonly Measurement[]) =>
  [...list].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt) || b.createdAt - a.createdAt);

/**
 * Clinician review of automatic measurements: the engine's overlay (hairs by class, emergence
 * points) and a correction stored beside the automatic value, never over it.
 */
export function MeasurementReview({ patientId, canCorrect }: { patientId: string; canCorrect: boolean }) {
  useCustomSites(); // the clinic's own site names, for siteLabel
  const list = useMeasurements(patientId);
  const [open, setOpen] = useState<string | null>(null);
  const { hash } = useLocation();
  // A link to one reading (`#measurement-ID`, from the chart summary) scrolls to its row and focuses it.
  useEffect(() => {
    if (!list.data || !hash.startsWith('#measurement-')) return;
    const row = document.getElementById(hash.slice(1));
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
  }, [list.data, hash]);
  if (list.isPending) return <Loading label="Loading measurements…" />;
  if (list.error) return <ErrorState error={list.error} title="Could not load the measurements" />;
  if (list.data.length === 0) {
    return (
      <EmptyState title="No measurements">
        Trichoscopy photos are measured automatically after upload.
      </EmptyState>
    );
  }
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Measurements and review</h2>
      <p className="muted small">Newest first.</p>
      <TableScroll label="Measurements for review">
        <table>
          <thead>
            <tr>
              <th scope="col">Date · site</th>
              <th scope="col">Source</th>
              <th scope="col">Count</th>
              <th scope="col">Density</th>
              <th scope="col">Mean diameter</th>
              <th scope="col">Vellus</th>
              <th scope="col">Reviewed</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst(list.data).map((m) => (
              <tr
                key={m.id}
                id={`measurement-${m.id}`}
                tabIndex={-1}
                className={hash === `#measurement-${m.id}` ? 'target-row' : undefined}
              >
                <th scope="row">
                  {fmtDate(m.takenAt)} · {siteLabel(m.site)}
                </th>
                <td>
                  {m.source === 'auto' ? (
                    <>
                      Automatic <span className="muted small">{m.engineVersion}</span>
                      {m.quality && !m.quality.ok && (
                        <span className="badge grade-low">Check image: {m.quality.issues.join(', ')}</span>
                      )}
                      {m.quality?.confidence !== undefined && (
                        <span className="muted small">
                          {' '}
                          · confidence {Math.round(m.quality.confidence * 100)} %
                          {m.quality.expectedError !== undefined &&
                            `, count typically within ±${Math.round(m.quality.expectedError * 100)} %`}
                          {m.quality.countInterval &&
                            `, likely ${m.quality.countInterval[0]}–${m.quality.countInterval[1]} hairs`}
                        </span>
                      )}
                    </>
                  ) : m.source === 'verified' ? (
                    <>Verified by clinician{m.reason && <span className="muted small"> “{m.reason}”</span>}</>
                  ) : (
                    <>
                      Corrected <span className="muted small">“{m.reason}”</span>
                    </>
                  )}
                </td>
                <td>{m.hairCount}</td>
                <td>{fmt('densityPerCm2', m.densityPerCm2)}</td>
                <td>{fmt('meanDiameterUm', m.meanDiameterUm)}</td>
                <td>{fmt('vellusRatio', m.vellusRatio)}</td>
                <td>
                  {reviewState(m, list.data) === 'reviewed' ? (
                    <span className="badge grade-high">Reviewed</span>
                  ) : (
                    <span className="badge grade-low">Not reviewed</span>
                  )}
                </td>
                <td>
                  {m.source !== 'corrected' && m.photoId && (
                    <Link
                      className="btn secondary small"
                      to={`/staff/measurements/${encodeURIComponent(m.id)}/review`}
                    >
                      Review hairs
                    </Link>
                  )}{' '}
                  {m.source === 'auto' && m.photoId && (
                    <button
                      type="button"
                      className="btn secondary small"
                      onClick={() => setOpen(open === m.id ? null : m.id)}
                    >
                      {open === m.id ? 'Close' : 'Review overlay'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {list.data
        .filter((m) => m.id === open && m.photoId)
        .map((m) => (
          <div key={m.id} className="review-panel">
            <figure>
              <img
                src={`/api/photos/${m.photoId}/overlay`}
                alt={`Analysis overlay for ${fmtDate(m.takenAt)}: traced hairs coloured by class, emergence points ringed`}
              />
              <figcaption className="small muted">
                Pink: terminal hairs; yellow: intermediate; blue: vellus; grey: traced but not counted
                (entering from outside the field, or a broken piece of another hair). White rings: one per
                counted hair at its emergence point; two or three rings inside each other mean the engine
                reads that shaft as two or three hairs lying together, an estimate worth checking.
              </figcaption>
            </figure>
            {canCorrect && <CorrectionForm m={m} patientId={patientId} onDone={() => setOpen(null)} />}
          </div>
        ))}
    </section>
  );
}
