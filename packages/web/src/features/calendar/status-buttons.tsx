import type { CalendarEntry } from '@anagen/core/contracts';
import { checkVisitStatusChange } from '@anagen/core/scheduling';
import { useId, useState } from 'react';
import { clinicZone } from '../../lib/clinic-time';
import { setStatus, useRefreshSchedule } from './calendar-api';

type DeskStatus = 'checked-in' | 'no-show' | 'completed';

/**
 * Check-in / no-show / completed for the front desk; the current state's button is pressed. A
 * button that cannot be used yet (check-in before the visit's clinic day, completed or no-show
 * before its start) is disabled with the reason next to it — the server applies the same rule.
 */
export function StatusButtons({ entry }: { entry: CalendarEntry }) {
  const refresh = useRefreshSchedule();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  if (entry.status === 'cancelled') return <span className="muted small">Cancelled</span>;
  const run = async (status: DeskStatus | 'booked') => {
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
  const now = Date.now();
  const blocked = (status: DeskStatus): string | null => {
    // Pressing the current status again undoes it (back to booked), which is always allowed.
    if (entry.status === status) return null;
    const d = checkVisitStatusChange({
      from: entry.status,
      to: status,
      startAt: Date.parse(entry.start),
      timeZone: clinicZone(),
      now,
    });
    return d.ok ? null : d.reason;
  };
  // One short note for all disabled buttons, instead of three near-identical sentences.
  const [ci, done, noShow] = (['checked-in', 'completed', 'no-show'] as const).map(blocked);
  const later =
    done && noShow ? done.replace('can be completed', 'can be completed or marked as a no-show') : null;
  const note =
    ci && later && ci.startsWith('Check-in opens')
      ? `${ci.replace(/\.$/, '')}; completed or no-show once it has started.`
      : [ci, later ?? done, later ? null : noShow].filter(Boolean).join(' ');
  const button = (status: DeskStatus, label: string) => {
    const why = blocked(status);
    return (
      <button
        type="button"
        className={`btn small ${entry.status === status ? '' : 'secondary'}`}
        aria-pressed={entry.status === status}
        disabled={busy || why !== null}
        aria-describedby={why ? reasonId : undefined}
        title={why ?? undefined}
        onClick={() => run(entry.status === status ? 'booked' : status)}
      >
        {label}
        <span className="visually-hidden"> {entry.patientName}</span>
      </button>
    );
  };
  return (
    <div className="row status-buttons">
      {button('checked-in', 'Check in')}
      {button('no-show', 'No-show')}
      {button('completed', 'Completed')}
      {note && (
        <span id={reasonId} className="muted small status-reason">
          {note}
        </span>
      )}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
