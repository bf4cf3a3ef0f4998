import type { AdminLocation, AdminProvider, WeeklyHoursInput } from '@anagen/core/contracts';
import { useState } from 'react';
import { SelectField } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave, useAppointmentTypes, useLocations, useProviders, useStaff } from './admin-api';
import { ExceptionsSection } from './exceptions-section';
import { fieldErrorsOf, SaveError } from './form-bits';
import { HoursEditor, type HoursRow } from './hours-editor';
import { ProviderForm } from './provider-form';
import { ProviderPhoto } from './provider-photo';
import { RoomsSection } from './rooms-section';

export function SchedulesPage() {
  usePageMeta('Schedules');
  const providers = useProviders();
  const locations = useLocations();
  const types = useAppointmentTypes();
  const staff = useStaff();
  // null: nothing chosen yet, so open on the first provider's schedule (what an admin comes to
  // check); '' is the new-provider form.
  const [chosen, setSelected] = useState<string | null>(null);
  const queries = [providers, locations, types, staff];
  const failed = queries.find((q) => q.error)?.error;
  if (failed) return <ErrorState error={failed} />;
  if (!providers.data || !locations.data || !types.data || !staff.data) return <Loading />;
  const selected = chosen ?? providers.data[0]?.id ?? '';
  const current = providers.data.find((p) => p.id === selected);
  const zone =
    locations.data.find((l) => l.id === current?.locationId)?.timeZone ??
    locations.data[0]?.timeZone ??
    'UTC';
  return (
    <>
      <h1>Schedules</h1>
      <p className="muted">
        Providers, their weekly hours and exceptions, and rooms. Changes show in online booking at once. Times
        are local to the location ({zone}).
      </p>
      <div className="card">
        <SelectField label="Provider" value={selected} onChange={(ev) => setSelected(ev.target.value)}>
          <option value="">Add a new provider…</option>
          {providers.data.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.active ? '' : ' (inactive)'}
            </option>
          ))}
        </SelectField>
      </div>
      <ProviderForm
        key={current?.id ?? 'new'}
        provider={current}
        locations={locations.data}
        types={types.data}
        staff={staff.data}
        onSaved={(p) => setSelected(p.id)}
      />
      {current && (
        <>
          <ProviderPhoto key={`photo-${current.id}`} provider={current} />
          <WeeklyHours key={`hours-${current.id}`} provider={current} locations={locations.data} />
          <ExceptionsSection key={`exc-${current.id}`} provider={current} timeZone={zone} />
        </>
      )}
      <RoomsSection locations={locations.data} />
    </>
  );
}

function WeeklyHours({ provider, locations }: { provider: AdminProvider; locations: AdminLocation[] }) {
  const [rows, setRows] = useState<HoursRow[]>(provider.hours);
  const save = useAdminSave((body: WeeklyHoursInput) =>
    api.put(`/api/admin/providers/${provider.id}/hours`, body),
  );
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label={`Weekly hours of ${provider.name}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({
          hours: rows.map((r) => ({
            locationId: r.locationId ?? provider.locationId,
            weekday: r.weekday,
            start: r.start,
            end: r.end,
          })),
        });
      }}
    >
      <h3>Weekly hours</h3>
      <HoursEditor
        label={`Working hours of ${provider.name}`}
        rows={rows}
        onChange={setRows}
        errors={e}
        errorPrefix="hours"
        locations={locations}
      />
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Hours saved; online booking uses them now.
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save weekly hours
      </button>
    </form>
  );
}
