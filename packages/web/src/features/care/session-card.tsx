import type { Plan, SessionRecord } from '@anagen/core/contracts';
import { useEffect, useRef, useState } from 'react';
import { fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';
import { useAddAddendum, useSignSession } from './care-api';
import { treatmentName } from './care-format';
import { fromInjectionMap, ScalpDiagram } from './scalp-diagram';
import { SessionRecordForm } from './session-record-form';

function Preparation({ p }: { p: NonNullable<SessionRecord['preparation']> }) {
  switch (p.kind) {
    case 'prp':
      return (
        <>
          Blood drawn {p.bloodDrawnMl} mL · {p.spinProtocol} · final volume {p.finalVolumeMl} mL
          {p.activation ? ` · activation: ${p.activation}` : ''}
        </>
      );
    case 'adipose':
      return (
        <>
          Harvest from {p.harvestSite}, {p.harvestVolumeMl} mL{p.processing ? ` · ${p.processing}` : ''}
        </>
      );
    case 'exosome':
      return (
        <>
          {p.product}, dose {p.dose}
        </>
      );
    default:
      return <>{p.description}</>;
  }
}

/**
 * One session record: a draft can be edited and, after a confirmation, signed; a signed record is
 * read-only and takes addenda.
 */
export function SessionCard({
  s,
  canWrite,
  plans = [],
}: {
  s: SessionRecord;
  canWrite: boolean;
  plans?: Plan[];
}) {
  const sign = useSignSession(s.patientId);
  const addendum = useAddAddendum(s.patientId);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  const [confirmSign, setConfirmSign] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirmSign) confirmRef.current?.focus();
  }, [confirmSign]);
  const headingId = `session-${s.id}`;
  const timeZone = useClinicInfo().data?.timeZone;
  if (editing && s.status === 'draft') {
    return (
      <SessionRecordForm patientId={s.patientId} plans={plans} editing={s} onDone={() => setEditing(false)} />
    );
  }
  return (
    <article className="card" aria-labelledby={headingId}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 id={headingId}>
          {treatmentName(s.treatmentSlug)} — {fmtDateTime(s.performedAt, timeZone)}
        </h3>
        {s.status === 'signed' ? (
          <span className="badge grade-high">Signed</span>
        ) : (
          <span className="badge grade-low">Draft, not signed</span>
        )}
      </div>
      <div className="session-body">
        <dl className="session-facts">
          <dt>Provider</dt>
          <dd>{s.providerName ?? s.providerId}</dd>
          <dt>Products and lots</dt>
          <dd>{s.products.length ? s.products.map((p) => `${p.name} (lot ${p.lot})`).join('; ') : '—'}</dd>
          <dt>Preparation</dt>
          <dd>{s.preparation ? <Preparation p={s.preparation} /> : '—'}</dd>
          <dt>Anaesthesia</dt>
          <dd>{s.anaesthesia ?? '—'}</dd>
          <dt>Total injected</dt>
          <dd>{s.totalVolumeMl} mL</dd>
          <dt>Notes</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{s.notes ?? '—'}</dd>
          {s.signedAt && (
            <>
              <dt>Signed</dt>
              <dd>
                {s.signedByName ?? s.signedBy}, {fmtDateTime(s.signedAt, timeZone)}
              </dd>
            </>
          )}
        </dl>
        <ScalpDiagram
          value={fromInjectionMap(s.injectionMap)}
          size={200}
          title={`Injection map of the session on ${fmtDate(s.performedAt, timeZone)}`}
        />
      </div>
      {s.addenda.length > 0 && (
        <section aria-label="Addenda">
          <h4>Addenda</h4>
          <ul>
            {s.addenda.map((a) => (
              <li key={a.id}>
                <span className="muted small">
                  {fmtDateTime(a.createdAt, timeZone)}, {a.createdByName ?? a.createdBy}:
                </span>{' '}
                {a.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {canWrite && s.status === 'draft' && !confirmSign && (
        <div className="row">
          <button type="button" className="btn secondary" onClick={() => setEditing(true)}>
            Edit draft
          </button>
          <button type="button" className="btn" onClick={() => setConfirmSign(true)}>
            Sign this record
          </button>
          <span className="muted small">After signing, the record can only be amended by an addendum.</span>
        </div>
      )}
      {canWrite && s.status === 'draft' && confirmSign && (
        <div className="stack sign-confirm">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>Sign this record?</strong> Signing fixes it under your name; afterwards it can only be
            amended by an addendum.
          </p>
          <div className="row">
            <button
              type="button"
              className="btn"
              disabled={sign.isPending}
              onClick={() => sign.mutate({ _sid: s.id }, { onSettled: () => setConfirmSign(false) })}
            >
              Yes, sign it
            </button>
            <button type="button" className="btn secondary" onClick={() => setConfirmSign(false)}>
              Not yet
            </button>
          </div>
        </div>
      )}
      {canWrite && s.status === 'signed' && (
        <details className="addendum">
          <summary>Add an addendum</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addendum.mutate({ _sid: s.id, text }, { onSuccess: () => setText('') });
            }}
          >
            <div className="field">
              <label htmlFor={`addendum-${s.id}`}>Addendum text</label>
              <textarea
                id={`addendum-${s.id}`}
                rows={2}
                value={text}
                onChange={(e) => setText(e.target.value)}
                required
              />
            </div>
            <button
              type="submit"
              className="btn secondary small"
              disabled={addendum.isPending || !text.trim()}
            >
              Save addendum
            </button>
          </form>
        </details>
      )}
      {(sign.error || addendum.error) && (
        <div className="alert error" role="alert">
          {(sign.error ?? addendum.error)?.message}
        </div>
      )}
    </article>
  );
}
