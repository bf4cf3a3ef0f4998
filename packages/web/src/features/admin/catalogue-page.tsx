import type { AdminAppointmentType, BookingPolicies } from '@anagen/core/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { CheckboxField, Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave, useAppointmentTypes, usePolicies, useProviders, useResources } from './admin-api';
import { AppointmentTypeForm } from './appointment-type-form';
import { fieldErrorsOf, SaveError } from './form-bits';

const usd = (cents: number) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

export function CataloguePage() {
  usePageMeta('Catalogue');
  const types = useAppointmentTypes();
  const providers = useProviders();
  const resources = useResources();
  const policies = usePolicies();
  const [editing, setEditing] = useState<string | null>(null);
  const failed = [types, providers, resources, policies].find((q) => q.error)?.error;
  if (failed) return <ErrorState error={failed} />;
  if (!types.data || !providers.data || !resources.data || !policies.data) return <Loading />;
  const current = types.data.find((t) => t.id === editing);
  return (
    <>
      <h1>Catalogue</h1>
      <p className="muted">
        Appointment types and booking policies. Treatment prices for the cost estimator are on the{' '}
        <Link to="/admin/prices">Prices</Link> page.
      </p>
      <section aria-labelledby="types-heading">
        <h2 id="types-heading">Appointment types</h2>
        <table aria-label="Appointment types">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Duration</th>
              <th scope="col">Price</th>
              <th scope="col">Booking</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.data.map((t: AdminAppointmentType) => (
              <tr key={t.id}>
                <td>
                  {t.name} {!t.active && <span className="badge neutral">inactive</span>}
                </td>
                <td>{t.durationMinutes} min</td>
                <td>{usd(t.priceCents)}</td>
                <td>
                  {t.isPublic
                    ? t.guestAllowed
                      ? 'Online, guests too'
                      : 'Online, with account'
                    : 'Staff only'}
                </td>
                <td>
                  <button type="button" className="btn secondary small" onClick={() => setEditing(t.id)}>
                    Edit<span className="visually-hidden"> {t.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {editing !== null ? (
          <AppointmentTypeForm
            key={editing}
            type={current}
            providers={providers.data}
            resources={resources.data}
            onDone={() => setEditing(null)}
          />
        ) : (
          <button type="button" className="btn secondary" onClick={() => setEditing('')}>
            Add an appointment type
          </button>
        )}
      </section>
      <PoliciesForm policies={policies.data} />
    </>
  );
}

function PoliciesForm({ policies }: { policies: BookingPolicies }) {
  const [d, setD] = useState({
    cancellationCutoffHours: String(policies.cancellationCutoffHours),
    reminderHours: String(policies.reminderHours),
    sideEffectReviewHours: String(policies.sideEffectReviewHours),
    requireConsultationBeforeProcedure: policies.requireConsultationBeforeProcedure,
  });
  const save = useAdminSave((body: BookingPolicies) => api.put<BookingPolicies>('/api/admin/policies', body));
  const e = fieldErrorsOf(save.error);
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return (
    <form
      className="card"
      aria-labelledby="policies-heading"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({
          cancellationCutoffHours: num(d.cancellationCutoffHours),
          reminderHours: num(d.reminderHours),
          sideEffectReviewHours: num(d.sideEffectReviewHours),
          requireConsultationBeforeProcedure: d.requireConsultationBeforeProcedure,
        });
      }}
    >
      <h2 id="policies-heading">Booking policies</h2>
      <div className="grid">
        <Field
          label="Online cancellation until (hours before)"
          inputMode="numeric"
          value={d.cancellationCutoffHours}
          onChange={(ev) => setD({ ...d, cancellationCutoffHours: ev.target.value })}
          error={e.cancellationCutoffHours}
        />
        <Field
          label="Reminder (hours before)"
          hint="0 sends no reminder."
          inputMode="numeric"
          value={d.reminderHours}
          onChange={(ev) => setD({ ...d, reminderHours: ev.target.value })}
          error={e.reminderHours}
        />
        <Field
          label="Side-effect review within (hours)"
          inputMode="numeric"
          value={d.sideEffectReviewHours}
          onChange={(ev) => setD({ ...d, sideEffectReviewHours: ev.target.value })}
          error={e.sideEffectReviewHours}
        />
      </div>
      <CheckboxField
        label="A consultation must come before any procedure"
        checked={d.requireConsultationBeforeProcedure}
        onChange={(v) => setD({ ...d, requireConsultationBeforeProcedure: v })}
      />
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Policies saved.
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save policies
      </button>
    </form>
  );
}
