import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import {
  clinicToday,
  clinicZone,
  formatDayKey,
  formatTime,
  localDateKey,
  useClinicZone,
  zoneName,
} from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { useAppointmentTypes } from '../booking/booking-api';
import { addDays } from '../booking/time';
import { STATUS_LABEL, setStatus, useCalendar, useRefreshSchedule } from '../calendar/calendar-api';
import { StatusButtons } from '../calendar/status-buttons';
import { ConsentWarning } from '../care/consent-warning';
import { SideEffectFollowUps, UrgentAlertsBanner } from '../care/urgent-alerts-banner';
import { DAY_LIST_KEYS, dayListAction, isTypingField } from './day-list-keys';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/staff`: the day's appointments in clinic time with check-in, status and the patient's
 * confirmation; `?day=YYYY-MM-DD` shows another clinic day. Keyboard shortcuts move through the list
 * and set statuses (see `day-list-keys.ts`).
 */
export function StaffHomePage() {
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refresh = useRefreshSchedule();
  // "Today" is the clinic's date: the browser's (or UTC's) can already be tomorrow there. The shell
  // renders staff pages once the clinic's zone is known.
  const zone = useClinicZone() ?? clinicZone();
  const today = clinicToday(zone);
  const asked = params.get('day');
  const wanted = asked && DAY.test(asked) ? asked : null;
  const day = wanted ?? today;
  // The calendar API takes clinic dates; a day either side is asked for too, as before.
  const q = useCalendar(addDays(day, -1), addDays(day, 1));
  // Procedure types carry a treatment slug; their consent is checked at check-in.
  const types = useAppointmentTypes();
  const treatmentOf = new Map((types.data ?? []).map((t) => [t.slug, t.treatmentSlug] as const));
  const isToday = day === today;
  usePageMeta(isToday ? 'Today' : `Day list ${day}`);
  const entries = (q.data?.appointments ?? [])
    .filter((a) => localDateKey(a.start, zone) === day && a.status !== 'cancelled')
    .sort((a, b) => a.start.localeCompare(b.start));
  const open = entries.filter((a) => a.status === 'booked' || a.status === 'checked-in').length;

  const [current, setCurrent] = useState(-1);
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  // The handler reads the latest list (and callbacks) through a ref, so it is attached once.
  const latest = useRef({ entries, current, navigate, refresh });
  latest.current = { entries, current, navigate, refresh };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const active = document.activeElement;
      const action = dayListAction({
        key: e.key,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        inField: isTypingField(active),
        onRow: !!active && rows.current.includes(active as HTMLTableRowElement),
      });
      if (!action) return;
      const { entries: list, current: at, navigate: go, refresh: reload } = latest.current;
      if (action.type === 'help') {
        e.preventDefault();
        setHelpOpen((o) => !o);
        return;
      }
      if (list.length === 0) return;
      e.preventDefault();
      if (action.type === 'move') {
        const next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + action.by));
        setCurrent(next);
        rows.current[next]?.focus();
        return;
      }
      const entry = list[at];
      if (!entry) {
        setAnnouncement('Choose an appointment first: press j or ↓.');
        return;
      }
      if (action.type === 'open') {
        go(`/staff/patients/${encodeURIComponent(entry.patientId)}`);
        return;
      }
      // Same toggle as the buttons: pressing the current status again undoes it.
      const target = entry.status === action.status ? 'booked' : action.status;
      setKeyError(null);
      setStatus(entry.id, target).then(
        () => {
          setAnnouncement(`${entry.patientName}: ${STATUS_LABEL[target].toLowerCase()}.`);
          reload();
        },
        (err: unknown) =>
          setKeyError(`${entry.patientName}: ${err instanceof Error ? err.message : 'please try again.'}`),
      );
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <UrgentAlertsBanner />
      <SideEffectFollowUps />
      <h1>{isToday ? 'Today' : 'Day list'}</h1>
      <p className="muted">
        <span data-testid="day-heading">{formatDayKey(day)}</span> · clinic time, {zoneName(zone)} · signed in
        as {me?.name}
      </p>
      <nav className="row day-nav" aria-label="Other days">
        <Link className="btn secondary small" to={`/staff?day=${addDays(day, -1)}`}>
          Previous day
        </Link>
        {!isToday && (
          <Link className="btn secondary small" to="/staff">
            Back to today
          </Link>
        )}
        <Link className="btn secondary small" to={`/staff?day=${addDays(day, 1)}`}>
          Next day
        </Link>
      </nav>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {keyError && (
        <p className="alert error" role="alert">
          {keyError}
        </p>
      )}
      {q.isPending && <Loading />}
      {q.error && <ErrorState error={q.error} />}
      {q.data && entries.length === 0 && (
        <EmptyState title={isToday ? 'No appointments today' : 'No appointments on this day'}>
          New bookings appear here as they are made. See the <Link to="/staff/calendar">calendar</Link> for
          other days.
        </EmptyState>
      )}
      {entries.length > 0 && (
        <>
          <p>
            {entries.length} appointments, {open} still to be seen.
          </p>
          <table className="today-list">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Patient</th>
                <th scope="col">Visit</th>
                <th scope="col">Status</th>
                <th scope="col">Patient confirmed</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((a, i) => (
                <tr
                  key={a.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  className={`status-${a.status}${i === current ? ' current' : ''}`}
                  tabIndex={i === current || (current < 0 && i === 0) ? 0 : -1}
                  aria-current={i === current ? 'true' : undefined}
                  onFocus={() => setCurrent(i)}
                >
                  <td>
                    {formatTime(a.start, zone)}–{formatTime(a.end, zone)}
                  </td>
                  <td>
                    <Link to={`/staff/patients/${a.patientId}`}>{a.patientName}</Link>
                  </td>
                  <td>
                    {a.typeName}
                    <br />
                    <span className="muted small">{a.providerName}</span>
                  </td>
                  <td>{STATUS_LABEL[a.status]}</td>
                  <td>
                    {a.patientConfirmedAt ? (
                      <span className="badge grade-high">Confirmed</span>
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                  <td>
                    <StatusButtons entry={a} />
                    {treatmentOf.get(a.type) && (a.status === 'booked' || a.status === 'checked-in') && (
                      <ConsentWarning patientId={a.patientId} treatmentSlug={treatmentOf.get(a.type)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <details className="shortcuts" open={helpOpen} onToggle={(e) => setHelpOpen(e.currentTarget.open)}>
            <summary>Keyboard shortcuts</summary>
            <dl>
              {DAY_LIST_KEYS.map((k) => (
                <div key={k.label}>
                  <dt>
                    {k.keys.map((key, j) => (
                      <span key={key}>
                        {j > 0 && ' or '}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{k.label}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
    </>
  );
}
