import type { ClinicDetails, ClinicInfo } from '@anagen/core/contracts';
import { useState } from 'react';
import { Field } from '../../components/ui/field';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

export function ClinicDetailsForm({ clinic }: { clinic: ClinicInfo }) {
  const [d, setD] = useState({
    name: clinic.name,
    address: clinic.address ?? '',
    phone: clinic.phone,
    email: clinic.email,
    website: clinic.website ?? '',
  });
  const save = useAdminSave((body: ClinicDetails) => api.put<ClinicInfo>('/api/admin/clinic', body));
  const e = fieldErrorsOf(save.error);
  const bind = (k: keyof typeof d) => ({
    value: d[k],
    onChange: (ev: React.ChangeEvent<HTMLInputElement>) => setD({ ...d, [k]: ev.target.value }),
    error: e[k],
  });
  return (
    <form
      className="card"
      aria-labelledby="clinic-heading"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(d);
      }}
    >
      <h2 id="clinic-heading">Clinic details</h2>
      <div className="grid">
        <Field label="Clinic name" required {...bind('name')} />
        <Field
          label="Phone"
          hint="Shown to patients with urgent side-effect advice."
          required
          {...bind('phone')}
        />
        <Field label="Email" type="email" required {...bind('email')} />
        <Field label="Website" placeholder="https://" {...bind('website')} />
        <Field label="Address" {...bind('address')} />
      </div>
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Clinic details saved.
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save clinic details
      </button>
    </form>
  );
}
