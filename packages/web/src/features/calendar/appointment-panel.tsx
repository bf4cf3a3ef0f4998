import type { Appointment, Calendar, CalendarEntry, SlotDto } from '@anagen/core/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api-client';
import { formatDateTime, formatTime, localDateKey } from '../../lib/clinic-time';
import { useAppointmentTypes } from '../booking/booking-api';
import { BookingConfirm } from './booking-confirm';
import { STATUS_LABEL, useDeliveries, useRefreshSchedule } from './calendar-api';
import { FreeTimes } from './free-times';
import { StatusButtons } from './status-buttons';

/**
 * One appointment for staff: who, when, status, confirmation, messages sent; move (after a
 * confirmation step, then `onMoved` with where it was, for undo), cancel.
 */
export function AppointmentPanel({
  entry: a,
  cal,
  onClose,
  onMoved,
}: {
  entry: CalendarEntry;
  cal: Calendar;
  onClose: () => void;
  onMoved: (moved: Appointment, previous: { start: string; providerId: string }) => void;
}) {
  const types = useAppointmentTypes();
  const [pick, setPick] = useState<SlotDto | null>(null);
  const zone = cal.timeZone;
  const deliveries = useDeliveries(a.id);
  const refresh = useRefreshSchedule();
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [date, setDate] = useState(localDateKey(a.start, zone));
  const [providerId, setProviderId] = useState(a.providerId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<Appointment>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      refresh();
      setMode('view');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Please try again.');
      setPick(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card stack" aria-live="polite">
      <div className="row">
        <h2 style={{ marginRight: 'auto' }}>{a.patientName}</h2>
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        {a.typeName} with {a.providerName}
        <br />
        {formatDateTime(a.start, zone)}–{formatTime(a.end, zone)}
        <br />
        Status: <strong>{STATUS_LABEL[a.status]}</strong>
        <br />
        Patient confirmation:{' '}
        {a.patientConfirmedAt ? `confirmed ${formatDateTime(a.patientConfirmedAt, zone)}` : 'not yet'}
      </p>
      <p>
        <Link to={`/staff/patients/${a.patientId}`}>Open chart</Link>
      </p>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <StatusButtons entry={a} />
      {a.status === 'booked' && mode === 'view' && (
        <div className="row">
          <button type="button" className="btn secondary small" onClick={() => setMode('move')}>
            Move
          </button>
          <button type="button" className="btn danger small" onClick={() => setMode('cancel')}>
            Cancel appointment
          </button>
        </div>
      )}
      {mode === 'move' && (
        <div className="stack">
          <h3>Move to</h3>
          <div className="row">
            <label>
              Date{' '}
              <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
            </label>
            <label>
              Provider{' '}
              <select value={providerId} onChange={(e) => setProviderId(e.target.value)}>
                {cal.providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {pick ? (
            <BookingConfirm
              heading="Check and confirm the move"
              proposal={{
                patientName: a.patientName,
                type: types.data?.find((t) => t.slug === a.type),
                start: pick.start,
                end: pick.end,
                providerId: pick.providerId,
              }}
              cal={cal}
              confirmLabel="Confirm move"
              busy={busy}
              onConfirm={() =>
                void run(async () => {
                  const previous = { start: a.start, providerId: a.providerId };
                  const moved = await api.post<Appointment>(`/api/appointments/${a.id}/reschedule`, {
                    start: pick.start,
                    providerId: pick.providerId,
                  });
                  setPick(null);
                  onMoved(moved, previous);
                  return moved;
                })
              }
              onBack={() => setPick(null)}
            />
          ) : (
            <FreeTimes type={a.type} date={date} providerId={providerId} disabled={busy} onPick={setPick} />
          )}
          <button type="button" className="link-button" onClick={() => setMode('view')}>
            Keep the current time
          </button>
        </div>
      )}
      {mode === 'cancel' && (
        <div className="stack">
          <div className="field">
            <label htmlFor="cancel-reason">Reason (optional)</label>
            <input
              id="cancel-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
            />
          </div>
          <div className="row">
            <button
              type="button"
              className="btn danger small"
              disabled={busy}
              onClick={() =>
                run(() =>
                  api.post<Appointment>(
                    `/api/appointments/${a.id}/cancel`,
                    reason.trim() ? { reason: reason.trim() } : undefined,
                  ),
                )
              }
            >
              Cancel it
            </button>
            <button type="button" className="btn secondary small" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <h3>Messages</h3>
      {deliveries.data?.length ? (
        <ul className="delivery-list">
          {deliveries.data.map((d) => (
            <li key={d.id}>
              <strong>{d.kind}</strong> to {d.recipient}: {d.status}
              {d.sentAt && ` ${formatDateTime(d.sentAt, zone)}`}
              {d.serverResponse && <span className="muted small"> — {d.serverResponse}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No messages recorded.</p>
      )}
    </div>
  );
}
