import type { Photo } from '@anagen/core/contracts';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDate } from './format';
import { usePhotos } from './progress-api';
import { siteLabel, VIEW_LABELS } from './view-protocols';

function Status({ p }: { p: Photo }) {
  if (p.view !== 'trichoscopy') return null;
  if (p.analysisStatus === 'queued') return <span className="badge grade-moderate">Measuring…</span>;
  if (p.analysisStatus === 'failed')
    return <span className="badge grade-very-low">Not measured: {p.analysisError}</span>;
  if (p.analysisStatus === 'done') return <span className="badge grade-high">Measured</span>;
  return null;
}

/** Every photo of a patient, by view, newest first within a view. */
export function PhotoGallery({ patientId }: { patientId: string }) {
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
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
