import type { Photo } from '@anagen/core/contracts';
import { RemoveWithReason } from '../../components/ui/remove-with-reason';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDate } from '../../lib/clinic-time';
import { useCustomSites, useDeletePhoto, usePhotos } from './progress-api';
import { siteLabel, VIEW_LABELS } from './view-protocols';

function Status({ p }: { p: Photo }) {
  if (p.view !== 'trichoscopy') return null;
  if (p.analysisStatus === 'queued') return <span className="badge grade-moderate">Measuring…</span>;
  if (p.analysisStatus === 'failed')
    return <span className="badge grade-very-low">Not measured: {p.analysisError}</span>;
  if (p.analysisStatus === 'done') return <span className="badge grade-high">Measured</span>;
  return null;
}

function RemovePhoto({ p, patientId, byClinician }: { p: Photo; patientId: string; byClinician: boolean }) {
  const remove = useDeletePhoto(patientId);
  return (
    <RemoveWithReason
      button="Remove…"
      buttonLabel={`Remove the ${VIEW_LABELS[p.view].toLowerCase()} photo of ${fmtDate(p.takenAt)}`}
      question="Why remove this photo?"
      // Patients' own photos are never published, so only staff need the warning.
      consequence={
        byClinician
          ? 'If this photo is in a published before-and-after pair, the pair and its public files are taken down too.'
          : undefined
      }
      confirm="Remove photo"
      pending={remove.isPending}
      error={remove.error}
      onRemove={(reason) => remove.mutate({ id: p.id, reason })}
    />
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
  useCustomSites(); // the clinic's own site names, for siteLabel
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
                    <RemovePhoto p={p} patientId={patientId} byClinician={canRemove === 'all'} />
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
