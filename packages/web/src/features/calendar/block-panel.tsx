import type { Calendar } from '@anagen/core/contracts';
import { localToUtc } from '@anagen/core/scheduling';
import { type FormEvent, useState } from 'react';
import { api } from '../../lib/api-client';
import { useRefreshSchedule } from './calendar-api';

/** Blocks time for a provider or a room (clinic-local date and times). */
export function BlockPanel({ cal, date, onClose }: { cal: Calendar; date: string; onClose: () => void }) {
  const refresh = useRefreshSchedule();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const target = String(f.get('target'));
    const day = String(f.get('date'));
    const start = localToUtc(cal.timeZone, day, String(f.get('from')));
    const end = localToUtc(cal.timeZone, day, String(f.get('to')));
    if (start === null || end === null) {
      setError('That local time does not exist on that day (clock change). Choose another.');
      return;
    }
    const [kind, id] = target.split(':');
    const reason = String(f.get('reason') ?? '').trim();
    setError(null);
    try {
      await api.post('/api/blocks', {
        ...(kind === 'provider' ? { providerId: id } : { resourceId: id }),
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        ...(reason ? { reason } : {}),
      });
      refresh();
      setDone('Time blocked.');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Please try again.');
    }
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <div className="row">
        <h2 style={{ marginRight: 'auto' }}>Block time</h2>
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="alert ok" role="status">
          {done}
        </div>
      )}
      <div className="field">
        <label htmlFor="block-target">For</label>
        <select id="block-target" name="target">
          {cal.providers.map((p) => (
            <option key={p.id} value={`provider:${p.id}`}>
              {p.name}
            </option>
          ))}
          {cal.resources.map((r) => (
            <option key={r.id} value={`resource:${r.id}`}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <label>
          Date <input type="date" name="date" defaultValue={date} required />
        </label>
        <label>
          From <input type="time" name="from" defaultValue="12:00" step={900} required />
        </label>
        <label>
          To <input type="time" name="to" defaultValue="13:00" step={900} required />
        </label>
      </div>
      <div className="field">
        <label htmlFor="block-reason">Reason (optional)</label>
        <input id="block-reason" name="reason" maxLength={500} />
      </div>
      <button type="submit" className="btn">
        Block this time
      </button>
    </form>
  );
}
