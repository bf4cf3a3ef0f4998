import type { CalendarEntry } from '@anagen/core/contracts';
import { useState } from 'react';
import { setStatus, useRefreshSchedule } from './calendar-api';

/** Check-in / no-show / completed for the front desk; the current state's button is pressed. */
export function StatusButtons({ entry }: { entry: CalendarEntry }) {
  const refresh = useRefreshSchedule();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (entry.status === 'cancelled') return <span className="muted small">Cancelled</span>;
  const run = async (status: 'checked-in' | 'no-show' | 'completed' | 'booked') => {
    setBusy(true);
    setError(null);
    try {
      await setStatus(entry.id, status);
      refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Please try again.');
    } finally {
      setBusy(false);
    }
  };
  const button = (status: 'checked-in' | 'no-show' | 'completed', label: string) => (
    <button
      type="button"
      className={`btn small ${entry.status === status ? '' : 'secondary'}`}
      aria-pressed={entry.status === status}
      disabled={busy}
      onClick={() => run(entry.status === status ? 'booked' : status)}
    >
      {label}
      <span className="visually-hidden"> {entry.patientName}</span>
    </button>
  );
  return (
    <div className="row status-buttons">
      {button('checked-in', 'Check in')}
      {button('no-show', 'No-show')}
      {button('completed', 'Completed')}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
