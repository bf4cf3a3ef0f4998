import type { UploadSettings } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, Field } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

const LIMITS: [keyof Omit<UploadSettings, 'patientUploads'>, string, string][] = [
  [
    'patientPhotosPerDay',
    'Files per patient account per 24 hours',
    'Photos, images for analysis and documents.',
  ],
  ['patientMegabytesPerDay', 'MB per patient account per 24 hours', ''],
  ['staffPhotosPerDay', 'Files per staff account per 24 hours', 'Staff photograph many patients a day.'],
  ['staffMegabytesPerDay', 'MB per staff account per 24 hours', ''],
];

/** Admin: whether patients may upload photos and documents themselves, and each account's daily quota. */
export function UploadSettingsSection() {
  const settings = useQuery({
    queryKey: ['admin', 'upload-settings'],
    queryFn: () => api.get<UploadSettings>('/api/admin/upload-settings'),
  });
  return (
    <section aria-labelledby="upload-settings-heading">
      <h2 id="upload-settings-heading">Uploads</h2>
      <p className="muted">
        Patients can add progress photos and documents from the portal. Turn that off to have only staff
        upload. The limits stop one account filling the disk; an account over its limit is told when it can
        upload again.
      </p>
      {settings.isPending && <Loading />}
      {settings.error && <ErrorState error={settings.error} />}
      {settings.data && <UploadSettingsForm initial={settings.data} />}
    </section>
  );
}

function UploadSettingsForm({ initial }: { initial: UploadSettings }) {
  const [d, setD] = useState(initial);
  const save = useAdminSave((body: UploadSettings) =>
    api.put<UploadSettings>('/api/admin/upload-settings', body),
  );
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label="Upload settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(d);
      }}
    >
      <CheckboxField
        label="Patients may upload photos and documents"
        hint="When off, the portal hides its upload forms and explains that the clinic takes the photos."
        checked={d.patientUploads}
        onChange={(v) => setD({ ...d, patientUploads: v })}
        error={e.patientUploads}
      />
      {LIMITS.map(([key, label, hint]) => (
        <Field
          key={key}
          label={label}
          {...(hint ? { hint } : {})}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={String(d[key])}
          onChange={(ev) => setD({ ...d, [key]: ev.target.value === '' ? 0 : Number(ev.target.value) })}
          error={e[key]}
        />
      ))}
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Upload settings saved.
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save upload settings
      </button>
    </form>
  );
}
