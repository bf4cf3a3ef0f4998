import type { AdminProvider } from '@anagen/core/contracts';
import { useId, useState } from 'react';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { SaveError } from './form-bits';

/**
 * The clinician's portrait, shown to patients choosing whom to book. Uploads are cropped to a square
 * and stripped of metadata on the server; the file picker accepts what the server does.
 */
export function ProviderPhoto({ provider }: { provider: AdminProvider }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an upload.
  const [inputKey, setInputKey] = useState(0);
  const upload = useAdminSave((f: File) => {
    const body = new FormData();
    body.append('image', f);
    return api.put<AdminProvider>(`/api/admin/providers/${provider.id}/photo`, body);
  });
  const remove = useAdminSave((_: null) =>
    api.delete<AdminProvider>(`/api/admin/providers/${provider.id}/photo`),
  );
  return (
    <section className="card provider-photo" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Portrait</h3>
      <div className="row">
        {provider.photoUrl ? (
          <img
            className="portrait"
            src={provider.photoUrl}
            alt={`Portrait of ${provider.name}`}
            width={96}
            height={96}
          />
        ) : (
          <p className="muted small">No portrait yet. Patients see the name, credentials and bio.</p>
        )}
        <form
          className="stack"
          aria-label={`Upload a portrait of ${provider.name}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            if (file)
              upload.mutate(file, {
                onSuccess: () => {
                  setFile(null);
                  setInputKey((k) => k + 1);
                },
              });
          }}
        >
          <label htmlFor={`${id}-file`}>
            Photo (JPEG, PNG, WebP or TIFF, up to 25 MB; cropped to a square)
          </label>
          <input
            key={inputKey}
            id={`${id}-file`}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/tiff"
            onChange={(ev) => setFile(ev.target.files?.[0] ?? null)}
          />
          <SaveError error={upload.error ?? remove.error} />
          <div className="row">
            <button type="submit" className="btn small" disabled={!file || upload.isPending}>
              {upload.isPending ? 'Uploading…' : 'Upload portrait'}
            </button>
            {provider.photoUrl && (
              <button
                type="button"
                className="btn secondary small"
                disabled={remove.isPending}
                onClick={() => remove.mutate(null)}
              >
                Remove portrait
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
