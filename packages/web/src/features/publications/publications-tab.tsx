import type { Publication, PublicationCrop } from '@anagen/core/contracts';
import { useState } from 'react';
import { ActionMessage, EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { clinicDate } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import type { ChartTabProps } from '../chart/chart-tab-props';
import { STATUS_LABEL, usePatientPhotos, usePublicationActions, usePublications } from './publications-api';

const CROPS: { label: string; crop: PublicationCrop | undefined }[] = [
  { label: 'Whole photo', crop: undefined },
  { label: 'Centre 80 %', crop: { left: 0.1, top: 0.1, width: 0.8, height: 0.8 } },
  { label: 'Top half (hairline, no face)', crop: { left: 0, top: 0, width: 1, height: 0.5 } },
];

/** Staff chart: propose a before-and-after pair for publication, see consent state, withdraw. */
export default function PublicationsTab({ patientId }: ChartTabProps) {
  const photos = usePatientPhotos(patientId);
  const list = usePublications(patientId);
  const actions = usePublicationActions(patientId);
  // Admins audit (read); proposing and withdrawing is a clinician's act, as the API says.
  const canAct = useMe().data?.role === 'clinician';
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('');
  const [crop, setCrop] = useState(0);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (photos.isPending || list.isPending) return <Loading />;
  if (photos.error) return <ErrorState error={photos.error} title="Could not load photos" />;
  if (list.error) return <ErrorState error={list.error} title="Could not load publications" />;
  const standard = photos.data.filter((p) => p.uploadedBy === 'clinic');
  const label = (id: string) => {
    const p = photos.data.find((x) => x.id === id);
    return p ? `${p.view}${p.site ? ` (${p.site})` : ''}, ${clinicDate(p.takenAt)}` : id;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await actions.propose.mutateAsync({
        beforePhotoId: before,
        afterPhotoId: after,
        crop: CROPS[crop]?.crop,
        note: note.trim() || undefined,
      });
      setMessage({ kind: 'ok', text: 'Proposed. The patient is asked to consent in their portal.' });
      setNote('');
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldErrors()) : [];
      setMessage({
        kind: 'error',
        text: fields[0] ?? (err instanceof Error ? err.message : 'Please try again.'),
      });
    }
  };

  return (
    <section aria-labelledby="pub-heading">
      <h2 id="pub-heading">Publish a before-and-after result</h2>
      <p className="muted">
        Pick two photos the clinic took of the same view. Nothing is public until the patient consents in
        their portal; they choose whether a face may show and can withdraw at any time.
      </p>
      {!canAct && <p className="muted">Only clinicians propose or withdraw pairs.</p>}
      <form className="card" onSubmit={submit} hidden={!canAct}>
        <div className="field">
          <label htmlFor="pub-before">Before photo</label>
          <select id="pub-before" value={before} onChange={(e) => setBefore(e.target.value)} required>
            <option value="">Choose…</option>
            {standard.map((p) => (
              <option key={p.id} value={p.id}>
                {label(p.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pub-after">After photo</label>
          <select id="pub-after" value={after} onChange={(e) => setAfter(e.target.value)} required>
            <option value="">Choose…</option>
            {standard.map((p) => (
              <option key={p.id} value={p.id}>
                {label(p.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pub-crop">Crop (the same for both)</label>
          <select id="pub-crop" value={crop} onChange={(e) => setCrop(Number(e.target.value))}>
            {CROPS.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pub-note">
            Note shown with the pair (required when the change is unusual for the clinic)
          </label>
          <textarea
            id="pub-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            rows={2}
          />
        </div>
        <button className="btn" type="submit" disabled={actions.propose.isPending}>
          Propose for publication
        </button>
      </form>
      {message && <ActionMessage kind={message.kind}>{message.text}</ActionMessage>}
      <h3>Proposed and published pairs</h3>
      {list.data.length === 0 ? (
        <EmptyState title="Nothing proposed yet">
          Pairs you propose appear here with their consent state.
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {list.data.map((p) => (
            <PublicationRow
              key={p.id}
              p={p}
              label={label}
              onWithdraw={canAct ? () => actions.withdraw.mutate(p.id) : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PublicationRow({
  p,
  label,
  onWithdraw,
}: {
  p: Publication;
  label: (id: string) => string;
  onWithdraw?: () => void;
}) {
  return (
    <li className="card" data-publication={p.id}>
      <p>
        <strong>{STATUS_LABEL[p.status]}</strong> · {label(p.beforePhotoId)} → {label(p.afterPhotoId)}
      </p>
      {p.measuredChange && (
        <p className="small">
          Measured change: {p.measuredChange.change > 0 ? '+' : ''}
          {p.measuredChange.change.toFixed(1)} hairs/cm²
          {p.measuredChange.outsideClinicRange ? ' (outside the clinic’s usual range)' : ''}
        </p>
      )}
      {p.note && <p className="small">Note: {p.note}</p>}
      {p.verifyUrl && (
        <p>
          <a href={p.verifyUrl}>Public verification page</a>
        </p>
      )}
      {p.status !== 'withdrawn' && onWithdraw && (
        <button type="button" className="btn secondary small" onClick={onWithdraw}>
          Withdraw
        </button>
      )}
    </li>
  );
}
