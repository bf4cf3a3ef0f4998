import { PHOTO_VIEW_VALUES, type Photo, type PhotoViewName, SCALP_SITES } from '@anagen/core/contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { deviceToday, fmtDate } from '../../lib/clinic-time';
import { GhostFrame } from './ghost-frame';
import { LiveCamera } from './live-camera';
import { useCustomSites, usePhotos, useUploadPhoto } from './progress-api';
import { SiteDiagram } from './site-diagram';
import { SITE_LABELS, VIEW_LABELS, VIEW_PROTOCOLS } from './view-protocols';

/** Today in the device's own time zone, as the date input shows it. */
const today = () => deviceToday();

/** The instant to store: now for today's photos, local noon for an earlier date. */
function takenAtFor(date: string): string {
  return date === today() ? new Date().toISOString() : new Date(`${date}T12:00:00`).toISOString();
}

/**
 * Photo capture for the staff chart and the patient portal: pick the view, read its protocol, line
 * the new photo up with the previous one of the same view (see-through overlay), upload.
 * Patients take the standard views; trichoscopy close-ups (which need a calibrated dermoscope)
 * are offered to staff.
 */
export function CapturePanel({ patientId, audience }: { patientId: string; audience: 'patient' | 'staff' }) {
  const ids = useId();
  const views = PHOTO_VIEW_VALUES.filter((v) => audience === 'staff' || v !== 'trichoscopy');
  const [chosenView, setView] = useState<PhotoViewName | null>(null);
  const [site, setSite] = useState<string>(SCALP_SITES[0]);
  const customSites = useCustomSites();
  const [umPerPx, setUmPerPx] = useState('');
  const [takenOn, setTakenOn] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | undefined>();
  const [opacity, setOpacity] = useState(0.4);
  const [camera, setCamera] = useState(false);
  const [done, setDone] = useState<Photo | null>(null);
  const photos = usePhotos(patientId);
  const upload = useUploadPhoto(patientId);

  // Until a view is chosen, offer the one photographed last, so its ghost is there to line up with.
  const lastView = (photos.data ?? []).filter((p) => views.includes(p.view)).at(-1)?.view;
  const view: PhotoViewName = chosenView ?? lastView ?? views[0]!;

  const previous = useMemo(() => {
    const same = (photos.data ?? []).filter(
      (p) => p.view === view && (view !== 'trichoscopy' || p.site === site),
    );
    return same.at(-1);
  }, [photos.data, view, site]);

  // Same site, same dermoscope: start from the last calibration used there.
  useEffect(() => {
    if (view === 'trichoscopy' && previous?.umPerPx) setUmPerPx((v) => v || String(previous.umPerPx));
  }, [view, previous]);

  useEffect(() => {
    if (!file) {
      setPreview(undefined);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const cameraAvailable = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const fieldErrors = upload.error instanceof ApiError ? upload.error.fieldErrors() : {};

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('view', view);
    form.append('takenAt', takenAtFor(takenOn));
    if (view === 'trichoscopy') {
      form.append('site', site);
      form.append('umPerPx', umPerPx);
    }
    form.append('image', file);
    const photo = await upload.mutateAsync(form).catch(() => null);
    if (photo) {
      setDone(photo);
      setFile(null);
    }
  };

  return (
    <form className="card capture-panel" onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Add a progress photo</h2>
      <div className="capture-grid">
        <div className="stack">
          <div className="field">
            <label htmlFor={`${ids}-view`}>View</label>
            <select
              id={`${ids}-view`}
              value={view}
              onChange={(e) => {
                setView(e.target.value as PhotoViewName);
                setDone(null);
              }}
            >
              {views.map((v) => (
                <option key={v} value={v}>
                  {VIEW_LABELS[v]}
                </option>
              ))}
            </select>
          </div>
          {view === 'trichoscopy' && (
            <>
              <div className="field">
                <label htmlFor={`${ids}-site`}>Scalp site</label>
                <select id={`${ids}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
                  {SCALP_SITES.map((s) => (
                    <option key={s} value={s}>
                      {SITE_LABELS[s] ?? s}
                    </option>
                  ))}
                  {customSites.data?.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
              <SiteDiagram site={site} />
              <div className="field">
                <label htmlFor={`${ids}-um`}>Calibration (µm per pixel)</label>
                <input
                  id={`${ids}-um`}
                  type="number"
                  inputMode="decimal"
                  step="0.01"
                  min="0.1"
                  required
                  value={umPerPx}
                  onChange={(e) => setUmPerPx(e.target.value)}
                  aria-invalid={fieldErrors.umPerPx ? true : undefined}
                  aria-describedby={`${ids}-um-hint`}
                />
                <span id={`${ids}-um-hint`} className="hint">
                  From the dermoscope’s calibration card at this magnification (often between 4 and 20).
                </span>
                {fieldErrors.umPerPx && <span className="error">{fieldErrors.umPerPx}</span>}
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={`${ids}-date`}>Date taken</label>
            <input
              id={`${ids}-date`}
              type="date"
              value={takenOn}
              max={today()}
              onChange={(e) => setTakenOn(e.target.value)}
            />
          </div>
          <section aria-labelledby={`${ids}-protocol`}>
            <h3 id={`${ids}-protocol`}>How to take this photo</h3>
            <ul className="protocol-list">
              {VIEW_PROTOCOLS[view].map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        </div>

        <div className="stack">
          {camera ? (
            <LiveCamera
              ghostUrl={previous?.imageUrl}
              opacity={opacity}
              onCapture={(f) => {
                setFile(f);
                setCamera(false);
              }}
              onClose={() => setCamera(false)}
            />
          ) : (
            <GhostFrame
              ghostUrl={previous?.imageUrl}
              opacity={preview ? opacity : Math.max(opacity, 0.85)}
              label={preview ? 'New photo with the previous one overlaid' : 'Previous photo of this view'}
            >
              {preview ? (
                <img className="ghost-frame-media" src={preview} alt="New photo, not yet uploaded" />
              ) : (
                !previous && (
                  <p className="ghost-frame-empty muted">
                    No earlier photo of this view yet: this one becomes the baseline.
                  </p>
                )
              )}
            </GhostFrame>
          )}
          {previous && (
            <div className="field">
              <label htmlFor={`${ids}-opacity`}>
                Overlay of the photo from {fmtDate(previous.takenAt)}: {Math.round(opacity * 100)} %
              </label>
              <input
                id={`${ids}-opacity`}
                type="range"
                min="0"
                max="1"
                step="0.05"
                value={opacity}
                onChange={(e) => setOpacity(Number(e.target.value))}
              />
            </div>
          )}
          <div className="row">
            <label className="btn secondary file-button" htmlFor={`${ids}-file`}>
              {file ? 'Choose another photo' : 'Take or choose a photo'}
            </label>
            <input
              id={`${ids}-file`}
              className="visually-hidden"
              type="file"
              accept="image/*"
              capture="environment"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setDone(null);
              }}
            />
            {cameraAvailable && !camera && (
              <button type="button" className="btn secondary" onClick={() => setCamera(true)}>
                Use camera with overlay
              </button>
            )}
          </div>
          {upload.error && (
            <div className="alert error" role="alert">
              {upload.error.message}
            </div>
          )}
          {done && (
            <div className="alert ok" role="status">
              Photo saved.
              {done.analysisStatus === 'queued' &&
                ' The close-up is being measured; results appear below in a minute or so.'}
            </div>
          )}
          <button type="submit" className="btn" disabled={!file || upload.isPending}>
            {upload.isPending ? 'Uploading…' : 'Upload photo'}
          </button>
        </div>
      </div>
    </form>
  );
}
