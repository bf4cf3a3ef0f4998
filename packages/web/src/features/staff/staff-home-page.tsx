import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { useAppointmentTypes } from '../booking/booking-api';
import { addDays, formatDate, formatTime, localDateKey, zoneName } from '../booking/time';
import { STATUS_LABEL, useCalendar } from '../calendar/calendar-api';
import { StatusButtons } from '../calendar/status-buttons';
import { ConsentWarning } from '../care/consent-warning';
import { UrgentAlertsBanner } from '../care/urgent-alerts-banner';

/** `/staff`: today's appointments in clinic time with check-in, status and the patient's confirmation. */
export function StaffHomePage() {
  usePageMeta('Today');
  const { data: me } = useMe();
  // Ask for a day either side of the browser's date, then keep the clinic's own today.
  const browserToday = localDateKey(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const q = useCalendar(addDays(browserToday, -1), addDays(browserToday, 1));
  // Procedure types carry a treatment slug; their consent is checked at check-in.
  const types = useAppointmentTypes();
  const treatmentOf = new Map((types.data ?? []).map((t) => [t.slug, t.treatmentSlug] as const));
  const zone = q.data?.timeZone ?? 'America/Los_Angeles';
  const today = localDateKey(Date.now(), zone);
  const entries = (q.data?.appointments ?? [])
    .filter((a) => localDateKey(a.start, zone) === today && a.status !== 'cancelled')
    .sort((a, b) => a.start.localeCompare(b.start));
  const open = entries.filter((a) => a.status === 'booked' || a.status === 'checked-in').length;
  return (
    <>
      <UrgentAlertsBanner />
      <h1>Today</h1>
      <p className="muted">
        {formatDate(Date.now(), zone)} · clinic time, {zoneName(zone)} · signed in as {me?.name}
      </p>
      {q.isPending && <Loading />}
      {q.error && <ErrorState error={q.error} />}
      {q.data && entries.length === 0 && (
        <EmptyState title="No appointments today">
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
              {entries.map((a) => (
                <tr key={a.id} className={`status-${a.status}`}>
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
        </>
      )}
    </>
  );
}
