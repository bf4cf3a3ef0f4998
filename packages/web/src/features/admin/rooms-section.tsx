import type { AdminLocation, AdminResource } from '@anagen/core/contracts';
import { useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave, useResources } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

export function RoomsSection({ locations }: { locations: AdminLocation[] }) {
  const resources = useResources();
  return (
    <section className="card" aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">Rooms and equipment</h2>
      <p className="muted small">Appointment types that need a room are only offered when it is free.</p>
      {resources.isPending && <Loading />}
      {resources.error && <ErrorState error={resources.error} />}
      {resources.data?.map((r) => (
        <RoomForm key={`${r.id}-${r.name}-${r.kind}`} room={r} locations={locations} />
      ))}
      <RoomForm key={`new-${resources.data?.length ?? 0}`} locations={locations} />
    </section>
  );
}

function RoomForm({ room, locations }: { room?: AdminResource; locations: AdminLocation[] }) {
  const [d, setD] = useState({
    name: room?.name ?? '',
    kind: room?.kind ?? 'room',
    locationId: room?.locationId ?? locations[0]?.id ?? '',
  });
  const save = useAdminSave((body: typeof d) =>
    room ? api.put(`/api/admin/resources/${room.id}`, body) : api.post('/api/admin/resources', body),
  );
  const e = fieldErrorsOf(save.error);
  return (
    <form
      aria-label={room ? `Room ${room.name}` : 'New room or equipment'}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(d);
      }}
    >
      <div className="row">
        <Field
          label={room ? 'Name' : 'New room or equipment'}
          value={d.name}
          onChange={(ev) => setD({ ...d, name: ev.target.value })}
          error={e.name}
          required
        />
        <SelectField
          label="Kind"
          value={d.kind}
          onChange={(ev) => setD({ ...d, kind: ev.target.value })}
          error={e.kind}
        >
          <option value="room">Room</option>
          <option value="equipment">Equipment</option>
        </SelectField>
        <SelectField
          label="Location"
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
        <button type="submit" className="btn secondary small" disabled={save.isPending}>
          {room ? 'Save' : 'Add'}
          <span className="visually-hidden"> {room?.name ?? 'room'}</span>
        </button>
      </div>
      <SaveError error={save.error} />
    </form>
  );
}
