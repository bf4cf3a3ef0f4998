import type { AdminLocation, ClosureInput, LocationInput } from '@anagen/core/contracts';
import { useState } from 'react';
import { Field } from '../../components/ui/field';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { ConflictList } from './conflict-list';
import { fieldErrorsOf, SaveError } from './form-bits';
import { HoursEditor, type HoursRow } from './hours-editor';
import { usePreviewedAdd } from './use-previewed-add';

const ZONE_HINT = 'An IANA time zone such as America/Los_Angeles or Europe/Berlin.';

export function LocationsSection({ locations }: { locations: AdminLocation[] }) {
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="locations-heading">
      <h2 id="locations-heading">Locations</h2>
      {locations.map((l) => (
        <LocationCard key={l.id} location={l} />
      ))}
      {adding ? (
        <LocationForm onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="btn secondary" onClick={() => setAdding(true)}>
          Add a location
        </button>
      )}
    </section>
  );
}

function LocationCard({ location }: { location: AdminLocation }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <LocationForm location={location} onDone={() => setEditing(false)} />;
  return (
    <article className="card" aria-labelledby={`loc-${location.id}`}>
      <h3 id={`loc-${location.id}`}>{location.name}</h3>
      <p className="muted">
        {location.address ?? 'No address'} · time zone {location.timeZone}
      </p>
      <p>
        Opening hours:{' '}
        {location.openingHours.length === 0
          ? 'not set'
          : location.openingHours
              .map(
                (h) =>
                  `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][h.weekday - 1]} ${h.start}–${h.end}`,
              )
              .join(', ')}
      </p>
      <button type="button" className="btn secondary small" onClick={() => setEditing(true)}>
        Edit {location.name}
      </button>
      <ClosuresPanel location={location} />
    </article>
  );
}

function LocationForm({ location, onDone }: { location?: AdminLocation; onDone: () => void }) {
  const [name, setName] = useState(location?.name ?? '');
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? 'America/Los_Angeles');
  const [address, setAddress] = useState(location?.address ?? '');
  const [hours, setHours] = useState<HoursRow[]>(location?.openingHours ?? []);
  const save = useAdminSave(
    (body: LocationInput) =>
      location
        ? api.put(`/api/admin/locations/${location.id}`, body)
        : api.post('/api/admin/locations', body),
    onDone,
  );
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label={location ? `Edit ${location.name}` : 'New location'}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({
          name,
          timeZone,
          address,
          openingHours: hours.map(({ weekday, start, end }) => ({ weekday, start, end })),
        });
      }}
    >
      <div className="grid">
        <Field
          label="Location name"
          value={name}
          onChange={(ev) => setName(ev.target.value)}
          error={e.name}
          required
        />
        <Field
          label="Time zone"
          hint={ZONE_HINT}
          value={timeZone}
          onChange={(ev) => setTimeZone(ev.target.value)}
          error={e.timeZone}
          required
        />
        <Field
          label="Address"
          value={address}
          onChange={(ev) => setAddress(ev.target.value)}
          error={e.address}
        />
      </div>
      <HoursEditor
        label="Opening hours"
        rows={hours}
        onChange={setHours}
        errors={e}
        errorPrefix="openingHours"
      />
      <SaveError error={save.error} />
      <div className="row">
        <button type="submit" className="btn" disabled={save.isPending}>
          Save location
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ClosuresPanel({ location }: { location: AdminLocation }) {
  const [draft, setDraft] = useState({ startDate: '', endDate: '', reason: '' });
  const body = (): ClosureInput => ({ ...draft, endDate: draft.endDate || draft.startDate });
  const adding = usePreviewedAdd<ClosureInput>(`/api/admin/locations/${location.id}/closures`, () =>
    setDraft({ startDate: '', endDate: '', reason: '' }),
  );
  const remove = useAdminSave((id: string) =>
    api.delete(`/api/admin/locations/${location.id}/closures/${id}`),
  );
  const e = adding.fieldErrors;
  return (
    <div>
      <h4>Holidays and closures</h4>
      {location.closures.length === 0 ? (
        <p className="muted small">No closures planned.</p>
      ) : (
        <ul>
          {location.closures.map((c) => (
            <li key={c.id} className="row">
              {c.startDate === c.endDate ? c.startDate : `${c.startDate} to ${c.endDate}`}
              {c.reason ? ` — ${c.reason}` : ''}
              <button type="button" className="btn secondary small" onClick={() => remove.mutate(c.id)}>
                Remove<span className="visually-hidden"> closure from {c.startDate}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        aria-label={`Add a closure for ${location.name}`}
        onSubmit={(ev) => {
          ev.preventDefault();
          adding.submit(body());
        }}
      >
        <div className="grid">
          <Field
            label="First closed day"
            type="date"
            value={draft.startDate}
            onChange={(ev) => setDraft({ ...draft, startDate: ev.target.value })}
            error={e.startDate}
            required
          />
          <Field
            label="Last closed day"
            hint="Leave empty for a single day."
            type="date"
            value={draft.endDate}
            onChange={(ev) => setDraft({ ...draft, endDate: ev.target.value })}
            error={e.endDate}
          />
          <Field
            label="Reason"
            value={draft.reason}
            onChange={(ev) => setDraft({ ...draft, reason: ev.target.value })}
            error={e.reason}
          />
        </div>
        <SaveError error={adding.error} />
        {adding.conflicts && (
          <ConflictList
            conflicts={adding.conflicts}
            timeZone={location.timeZone}
            onConfirm={adding.confirm}
            onCancel={adding.cancel}
            confirmLabel="Close anyway"
          />
        )}
        {!adding.conflicts && (
          <button type="submit" className="btn secondary" disabled={adding.pending}>
            Add closure
          </button>
        )}
      </form>
    </div>
  );
}
