import type { Appointment } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ActionMessage, ErrorState, Loading } from '../../components/ui/states';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime, zoneName } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';
import { useAppointment, withToken } from './booking-api';
import { type PickedSlot, SlotPicker } from './slot-picker';
import { WhereToGo } from './where-to-go';

const STATUS_TEXT: Record<Appointment['status'], string> = {
  booked: 'Booked',
  'checked-in': 'Checked in',
  completed: 'Completed',
  'no-show': 'Missed',
  cancelled: 'Cancelled',
};

/** `/manage/:id?token=…`: the link from the email (or a signed-in patient): view, move, cancel. */
export function ManagePage() {
  usePageMeta('Your appointment');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <div className="narrow">
      <h1>Your appointment</h1>
      <AppointmentManager id={id} token={token} />
    </div>
  );
}

function AppointmentManager({ id, token }: { id: string; token: string | null }) {
  const q = useAppointment(id, token);
  const qc = useQueryClient();
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [picked, setPicked] = useState<PickedSlot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const { data: clinic } = useClinicInfo();

  if (q.isPending) return <Loading />;
  if (q.error instanceof ApiError && q.error.status === 410) {
    return (
      <div className="alert error" role="alert">
        This link has expired: it works until 30 days after the appointment. Sign in to see your appointments,
        or call the clinic.
      </div>
    );
  }
  if (q.error) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 401);
    return notFound ? (
      <div className="alert error" role="alert">
        This link does not open an appointment. It may be mistyped; please use the link in your email or call
        the clinic.
      </div>
    ) : (
      <ErrorState error={q.error} />
    );
  }
  const a = q.data;
  const changeable = a.status === 'booked' && Date.now() < Date.parse(a.cancellableUntil);

  const act = async (run: () => Promise<Appointment>, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await run();
      qc.setQueryData(['appointment', id, token], updated);
      qc.invalidateQueries({ queryKey: ['availability'] });
      qc.invalidateQueries({ queryKey: ['my-appointments'] });
      setDone(message);
      setMode('view');
      setPicked(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Please try again.');
      setErrorCount((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      {done && <ActionMessage kind="ok">{done}</ActionMessage>}
      {error && (
        <ActionMessage kind="error" focusKey={errorCount}>
          {error}
        </ActionMessage>
      )}
      <div className="card stack">
        <p>
          <span className={`badge ${a.status === 'cancelled' ? 'neutral' : 'grade-high'}`}>
            {STATUS_TEXT[a.status]}
          </span>
        </p>
        <p>
          <strong>{a.typeName}</strong> with {a.providerName}
          <br />
          {formatDateTime(a.start, a.timeZone)} ({zoneName(a.timeZone, a.start)})
          <br />
          <WhereToGo a={a} />
        </p>
        {a.status === 'booked' && (
          <p className="muted small">
            {changeable
              ? `You can change or cancel online until ${formatDateTime(a.cancellableUntil, a.timeZone)}.`
              : `Online changes have closed for this appointment. Please call the clinic${clinic?.phone ? ` at ${clinic.phone}` : ''} to change it.`}
          </p>
        )}
        <div className="row">
          <a
            className="btn secondary"
            href={withToken(`/api/appointments/${a.id}/ics`, token)}
            download="appointment.ics"
          >
            Add to calendar
          </a>
          {changeable && mode === 'view' && (
            <>
              <button type="button" className="btn secondary" onClick={() => setMode('move')}>
                Move to another time
              </button>
              <button type="button" className="btn danger" onClick={() => setMode('cancel')}>
                Cancel appointment
              </button>
            </>
          )}
        </div>
      </div>

      {mode === 'cancel' && (
        <div className="card stack">
          <h2>Cancel this appointment?</h2>
          <p>The time is released for someone else. You will get an email confirming the cancellation.</p>
          <div className="row">
            <button
              type="button"
              className="btn danger"
              disabled={busy}
              onClick={() =>
                act(
                  () => api.post<Appointment>(withToken(`/api/appointments/${a.id}/cancel`, token)),
                  'Your appointment is cancelled.',
                )
              }
            >
              Yes, cancel it
            </button>
            <button type="button" className="btn secondary" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}

      {mode === 'move' && (
        <div className="card stack">
          <h2>Choose a new time</h2>
          {picked ? (
            <>
              <p>
                Move to <strong>{formatDateTime(picked.start, picked.timeZone)}</strong> (
                {zoneName(picked.timeZone, picked.start)})? Your current time is kept until the new one is
                confirmed.
              </p>
              <div className="row">
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() =>
                    act(
                      () =>
                        api.post<Appointment>(withToken(`/api/appointments/${a.id}/reschedule`, token), {
                          start: picked.start,
                        }),
                      'Your appointment has moved. A new calendar file is on its way by email.',
                    )
                  }
                >
                  Confirm new time
                </button>
                <button type="button" className="btn secondary" onClick={() => setPicked(null)}>
                  Pick another
                </button>
              </div>
            </>
          ) : (
            <SlotPicker type={a.type} onPick={setPicked} initialMonth={a.start.slice(0, 10)} />
          )}
          <button type="button" className="link-button" onClick={() => setMode('view')}>
            Keep the current time
          </button>
        </div>
      )}
      {a.status === 'cancelled' && (
        <p>
          <Link to="/book">Book a new appointment</Link>
        </p>
      )}
    </div>
  );
}
