import type {
  AdminAppointmentType,
  AdminProvider,
  AdminResource,
  AppointmentTypeInput,
} from '@anagen/core/contracts';
import { useState } from 'react';
import { CheckboxField, Field, TextAreaField } from '../../components/ui/field';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

const numberFields = [
  ['durationMinutes', 'Duration (minutes)'],
  ['bufferBeforeMinutes', 'Buffer before (minutes)'],
  ['bufferAfterMinutes', 'Buffer after (minutes)'],
  ['minNoticeMinutes', 'Minimum notice (minutes)'],
  ['horizonDays', 'Bookable up to (days ahead)'],
  ['slotStepMinutes', 'Start times every (minutes)'],
] as const;

export function AppointmentTypeForm({
  type,
  providers,
  resources,
  onDone,
}: {
  type?: AdminAppointmentType;
  providers: AdminProvider[];
  resources: AdminResource[];
  onDone: () => void;
}) {
  const [d, setD] = useState({
    slug: type?.slug ?? '',
    name: type?.name ?? '',
    description: type?.description ?? '',
    durationMinutes: String(type?.durationMinutes ?? 30),
    bufferBeforeMinutes: String(type?.bufferBeforeMinutes ?? 0),
    bufferAfterMinutes: String(type?.bufferAfterMinutes ?? 0),
    minNoticeMinutes: String(type?.minNoticeMinutes ?? 120),
    horizonDays: String(type?.horizonDays ?? 90),
    slotStepMinutes: String(type?.slotStepMinutes ?? 15),
    price: type ? (type.priceCents / 100).toFixed(2) : '0.00',
    depositNote: type?.depositNote ?? '',
    isPublic: type?.isPublic ?? false,
    guestAllowed: type?.guestAllowed ?? false,
    active: type?.active ?? true,
    providerIds: type?.providerIds ?? [],
    resourceIds: type?.resourceIds ?? [],
  });
  const save = useAdminSave(
    (body: AppointmentTypeInput) =>
      type
        ? api.put(`/api/admin/appointment-types/${type.id}`, body)
        : api.post('/api/admin/appointment-types', body),
    onDone,
  );
  const e = fieldErrorsOf(save.error);
  const toggle = (k: 'providerIds' | 'resourceIds', id: string, on: boolean) =>
    setD({ ...d, [k]: on ? [...d[k], id] : d[k].filter((x) => x !== id) });
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return (
    <form
      className="card"
      aria-label={type ? `Edit ${type.name}` : 'New appointment type'}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({
          slug: d.slug,
          name: d.name,
          description: d.description,
          durationMinutes: num(d.durationMinutes),
          bufferBeforeMinutes: num(d.bufferBeforeMinutes),
          bufferAfterMinutes: num(d.bufferAfterMinutes),
          minNoticeMinutes: num(d.minNoticeMinutes),
          horizonDays: num(d.horizonDays),
          slotStepMinutes: num(d.slotStepMinutes),
          // Cents from the typed amount; a typo such as "12.345" is caught by the server as fractional cents.
          priceCents: Math.round(num(d.price) * 100 * 1000) / 1000,
          depositNote: d.depositNote,
          isPublic: d.isPublic,
          guestAllowed: d.guestAllowed,
          active: d.active,
          providerIds: d.providerIds,
          resourceIds: d.resourceIds,
        });
      }}
    >
      <div className="grid">
        <Field
          label="Name"
          value={d.name}
          onChange={(ev) => setD({ ...d, name: ev.target.value })}
          error={e.name}
          required
        />
        <Field
          label="Slug"
          hint="Used in booking links, like prp-session."
          value={d.slug}
          onChange={(ev) => setD({ ...d, slug: ev.target.value })}
          error={e.slug}
          required
        />
        <Field
          label="Price (USD)"
          inputMode="decimal"
          value={d.price}
          onChange={(ev) => setD({ ...d, price: ev.target.value })}
          error={e.priceCents}
          required
        />
        {numberFields.map(([k, label]) => (
          <Field
            key={k}
            label={label}
            inputMode="numeric"
            value={d[k]}
            onChange={(ev) => setD({ ...d, [k]: ev.target.value })}
            error={e[k]}
            required
          />
        ))}
        <Field
          label="Deposit note"
          value={d.depositNote}
          onChange={(ev) => setD({ ...d, depositNote: ev.target.value })}
          error={e.depositNote}
        />
      </div>
      <TextAreaField
        label="Description"
        rows={2}
        value={d.description}
        onChange={(ev) => setD({ ...d, description: ev.target.value })}
        error={e.description}
      />
      <div className="row">
        <CheckboxField
          label="Public (patients can book online)"
          checked={d.isPublic}
          onChange={(isPublic) => setD({ ...d, isPublic })}
          error={e.isPublic}
        />
        <CheckboxField
          label="Guests may book without an account"
          checked={d.guestAllowed}
          onChange={(guestAllowed) => setD({ ...d, guestAllowed })}
          error={e.guestAllowed}
        />
        <CheckboxField label="Active" checked={d.active} onChange={(active) => setD({ ...d, active })} />
      </div>
      <fieldset>
        <legend>Performed by</legend>
        {e.providerIds && <p className="error small">{e.providerIds}</p>}
        <div className="row">
          {providers.map((p) => (
            <CheckboxField
              key={p.id}
              label={p.name}
              checked={d.providerIds.includes(p.id)}
              onChange={(on) => toggle('providerIds', p.id, on)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Needs</legend>
        <div className="row">
          {resources.map((r) => (
            <CheckboxField
              key={r.id}
              label={r.name}
              checked={d.resourceIds.includes(r.id)}
              onChange={(on) => toggle('resourceIds', r.id, on)}
            />
          ))}
          {resources.length === 0 && <span className="muted small">No rooms defined.</span>}
        </div>
      </fieldset>
      <SaveError error={save.error} />
      <div className="row">
        <button type="submit" className="btn" disabled={save.isPending}>
          Save appointment type
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
