import type { AdminProvider, ExceptionInput, ScheduleException } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { ConflictList } from './conflict-list';
import { SaveError } from './form-bits';
import { usePreviewedAdd } from './use-previewed-add';

/** Time off and extra days; time off that falls on bookings is confirmed after a warning that lists them. */
export function ExceptionsSection({ provider, timeZone }: { provider: AdminProvider; timeZone: string }) {
  const url = `/api/admin/providers/${provider.id}/exceptions`;
  const list = useQuery({
    queryKey: ['admin', 'exceptions', provider.id],
    queryFn: () => api.get<ScheduleException[]>(url),
  });
  const empty = { date: '', kind: 'off' as 'off' | 'extra', start: '', end: '', reason: '' };
  const [d, setD] = useState(empty);
  const body = (): ExceptionInput => ({
    date: d.date,
    kind: d.kind,
    start: d.start || null,
    end: d.end || null,
    reason: d.reason || null,
  });
  const adding = usePreviewedAdd<ExceptionInput>(url, () => setD(empty));
  const remove = useAdminSave((id: string) => api.delete(`${url}/${encodeURIComponent(id)}`));
  const e = adding.fieldErrors;
  return (
    <section className="card" aria-labelledby={`exc-${provider.id}`}>
      <h3 id={`exc-${provider.id}`}>Time off and extra hours</h3>
      {list.isPending && <Loading />}
      {list.error && <ErrorState error={list.error} />}
      {list.data && list.data.length === 0 && <p className="muted small">No exceptions.</p>}
      {list.data && list.data.length > 0 && (
        <ul>
          {list.data.map((x) => (
            <li key={x.id} className="row">
              {x.date}: {x.kind === 'off' ? 'off' : 'extra hours'}
              {x.start ? ` ${x.start}–${x.end}` : x.kind === 'off' ? ' (whole day)' : ''}
              {x.reason ? ` — ${x.reason}` : ''}
              <button type="button" className="btn secondary small" onClick={() => remove.mutate(x.id)}>
                Remove<span className="visually-hidden"> exception on {x.date}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        aria-label={`Add an exception for ${provider.name}`}
        onSubmit={(ev) => {
          ev.preventDefault();
          adding.submit(body());
        }}
      >
        <div className="grid">
          <Field
            label="Date"
            type="date"
            value={d.date}
            onChange={(ev) => setD({ ...d, date: ev.target.value })}
            error={e.date}
            required
          />
          <SelectField
            label="Kind"
            value={d.kind}
            onChange={(ev) => setD({ ...d, kind: ev.target.value as 'off' | 'extra' })}
            error={e.kind}
          >
            <option value="off">Time off</option>
            <option value="extra">Extra hours</option>
          </SelectField>
          <Field
            label="From"
            hint="Empty for the whole day off."
            placeholder="09:00"
            value={d.start}
            onChange={(ev) => setD({ ...d, start: ev.target.value.trim() })}
            error={e.start}
          />
          <Field
            label="Until"
            placeholder="13:00"
            value={d.end}
            onChange={(ev) => setD({ ...d, end: ev.target.value.trim() })}
            error={e.end}
          />
          <Field
            label="Reason"
            value={d.reason}
            onChange={(ev) => setD({ ...d, reason: ev.target.value })}
            error={e.reason}
          />
        </div>
        <SaveError error={adding.error} />
        {adding.conflicts ? (
          <ConflictList
            conflicts={adding.conflicts}
            timeZone={timeZone}
            confirmLabel="Save time off anyway"
            onConfirm={adding.confirm}
            onCancel={adding.cancel}
          />
        ) : (
          <button type="submit" className="btn secondary" disabled={adding.pending}>
            Add exception
          </button>
        )}
      </form>
    </section>
  );
}
