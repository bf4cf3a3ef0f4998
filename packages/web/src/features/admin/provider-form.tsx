import type {
  AdminAppointmentType,
  AdminLocation,
  AdminProvider,
  ProviderInput,
  StaffMember,
} from '@anagen/core/contracts';
import { useState } from 'react';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../components/ui/field';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

/** Provider profile: name, credentials, bio, linked clinician account, base location, what they perform. */
export function ProviderForm({
  provider,
  locations,
  types,
  staff,
  onSaved,
}: {
  provider?: AdminProvider;
  locations: AdminLocation[];
  types: AdminAppointmentType[];
  staff: StaffMember[];
  onSaved: (p: AdminProvider) => void;
}) {
  const [d, setD] = useState({
    name: provider?.name ?? '',
    credentials: provider?.credentials ?? '',
    bio: provider?.bio ?? '',
    userId: provider?.userId ?? '',
    locationId: provider?.locationId ?? locations[0]?.id ?? '',
    active: provider?.active ?? true,
    appointmentTypeIds: provider?.appointmentTypeIds ?? [],
  });
  const save = useAdminSave(
    (body: ProviderInput) =>
      provider
        ? api.put<AdminProvider>(`/api/admin/providers/${provider.id}`, body)
        : api.post<AdminProvider>('/api/admin/providers', body),
    onSaved,
  );
  const e = fieldErrorsOf(save.error);
  const clinicians = staff.filter(
    (s) => s.role === 'clinician' && (!s.providerId || s.providerId === provider?.id),
  );
  const toggleType = (id: string, on: boolean) =>
    setD({
      ...d,
      appointmentTypeIds: on ? [...d.appointmentTypeIds, id] : d.appointmentTypeIds.filter((x) => x !== id),
    });
  return (
    <form
      className="card"
      aria-label={provider ? `Profile of ${provider.name}` : 'New provider'}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({ ...d, userId: d.userId || null });
      }}
    >
      <h3>{provider ? 'Profile' : 'New provider'}</h3>
      <div className="grid">
        <Field
          label="Provider name"
          value={d.name}
          onChange={(ev) => setD({ ...d, name: ev.target.value })}
          error={e.name}
          required
        />
        <Field
          label="Credentials"
          placeholder="MD, dermatology"
          value={d.credentials}
          onChange={(ev) => setD({ ...d, credentials: ev.target.value })}
          error={e.credentials}
        />
        <SelectField
          label="Based at"
          value={d.locationId}
          onChange={(ev) => setD({ ...d, locationId: ev.target.value })}
          error={e.locationId}
        >
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Clinician account"
          hint="Links this profile to a clinician's sign-in."
          value={d.userId}
          onChange={(ev) => setD({ ...d, userId: ev.target.value })}
          error={e.userId}
        >
          <option value="">No account</option>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.email})
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label="Short bio"
        rows={3}
        value={d.bio}
        onChange={(ev) => setD({ ...d, bio: ev.target.value })}
        error={e.bio}
      />
      <fieldset>
        <legend>Performs</legend>
        {e.appointmentTypeIds && <p className="error small">{e.appointmentTypeIds}</p>}
        <div className="grid">
          {types.map((t) => (
            <CheckboxField
              key={t.id}
              label={t.name}
              checked={d.appointmentTypeIds.includes(t.id)}
              onChange={(on) => toggleType(t.id, on)}
            />
          ))}
        </div>
      </fieldset>
      <CheckboxField
        label="Active (offered for booking)"
        checked={d.active}
        onChange={(active) => setD({ ...d, active })}
      />
      <SaveError error={save.error} />
      <button type="submit" className="btn" disabled={save.isPending}>
        {provider ? 'Save profile' : 'Add provider'}
      </button>
    </form>
  );
}
