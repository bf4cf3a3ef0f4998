import type { Photo } from '@anagen/core/contracts';
import { useId, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDate } from './format';
import { useDeletePhoto, usePhotos } from './progress-api';
import { siteLabel, VIEW_LABELS } from './view-protocols';

function Status({ p }: { p: Photo }) {
  if (p.view !== 'trichoscopy') return null;
  if (p.analysisStatus === 'queued') return <span className="badge grade-moderate">Measuring…</span>;
  if (p.analysisStatus === 'failed')
    return <span className="badge grade-very-low">Not measured: {p.analysisError}</span>;
  if (p.analysisStatus === 'done') return <span className="badge grade-high">Measured</span>;
  return null;
}

function RemovePhoto({ p, patientId }: { p: Photo; patientId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const remove = useDeletePhoto(patientId);
  if (!open) {
    return (
      <button
        type="button"
        className="btn secondary"
        aria-label={`Remove the ${VIEW_LABELS[p.view].toLowerCase()} photo of ${fmtDate(p.takenAt)}`}
        onClick={() => setOpen(true)}
      >
        Remove…
      </button>
    );
  }
  return (
    <form
      className="stack remove-photo"
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate({ id: p.id, reason });
      }}
    >
      <div className="field">
        <label htmlFor={id}>Why remove this photo?</label>
        <input id={id} required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {remove.error && (
        <div className="alert error small" role="alert">
          {remove.error.message}
        </div>
      )}
      <div className="row">
        <button type="submit" className="btn danger" disabled={remove.isPending}>
          Remove photo
        </button>
        <button type="button" className="btn secondary" onClick={() => setOpen(false)}>
          Keep
        </button>
      </div>
    </form>
  );
}

/** Every photo of a patient, by view, newest first within a view. */
export function PhotoGallery({
  patientId,
  canRemove = 'none',
}: {
  patientId: string;
  /** Clinicians may remove any photo; patients only those they added. */
  canRemove?: 'all' | 'own' | 'none';
}) {
  const photos = usePhotos(patientId);
  if (photos.isPending) return <Loading label="Loading photos…" />;
  if (photos.error) return <ErrorState error={photos.error} title="Could not load the photos" />;
  if (photos.data.length === 0) {
    return <EmptyState title="No photos yet">Photos you add appear here, grouped by view.</EmptyState>;
  }
  const views = [...new Set(photos.data.map((p) => p.view))];
  return (
    <section className="card" aria-labelledby="photo-gallery-h">
      <h2 id="photo-gallery-h">All photos</h2>
      {views.map((v) => (
        <div key={v}>
          <h3>{VIEW_LABELS[v]}</h3>
          <ul className="photo-grid">
            {photos.data
              .filter((p) => p.view === v)
              .reverse()
              .map((p) => (
                <li key={p.id}>
                  <a href={p.imageUrl} target="_blank" rel="noreferrer">
                    <img
                      src={p.thumbnailUrl}
                      alt={`${VIEW_LABELS[p.view]}, ${fmtDate(p.takenAt)}`}
                      loading="lazy"
                    />
                  </a>
                  <span className="small">
                    {fmtDate(p.takenAt)}
                    {p.site && ` · ${siteLabel(p.site)}`}
                  </span>
                  <Status p={p} />
                  {(canRemove === 'all' || (canRemove === 'own' && p.uploadedBy === 'patient')) && (
                    <RemovePhoto p={p} patientId={patientId} />
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
