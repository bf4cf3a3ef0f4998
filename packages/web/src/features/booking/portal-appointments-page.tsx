import type { Appointment } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { formatDateTime, zoneName } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';

const STATUS: Record<Appointment['status'], string> = {
  booked: 'Booked',
  'checked-in': 'Checked in',
  completed: 'Completed',
  'no-show': 'Missed',
  cancelled: 'Cancelled',
};

/** `/portal/appointments`: upcoming and past appointments; each opens the change/cancel page. */
export function PortalAppointmentsPage() {
  usePageMeta('Appointments');
  const { data: me } = useMe();
  const q = useQuery({
    queryKey: ['my-appointments', me?.patientId],
    enabled: !!me?.patientId,
    queryFn: () => api.get<Appointment[]>(`/api/patients/${me!.patientId}/appointments`),
  });
  if (!me?.patientId) return <EmptyState title="No patient record">Please call the clinic.</EmptyState>;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} />;
  const now = Date.now();
  const upcoming = q.data.filter((a) => Date.parse(a.end) > now && a.status !== 'cancelled');
  const past = q.data.filter((a) => !upcoming.includes(a)).reverse();
  const item = (a: Appointment, manage: boolean) => (
    <li key={a.id} className="card appt-item">
      <div>
        <strong>{a.typeName}</strong> with {a.providerName}
        <br />
        {formatDateTime(a.start, a.timeZone)}{' '}
        <span className="muted small">({zoneName(a.timeZone, a.start)})</span>
      </div>
      <div className="row">
        <span className={`badge ${a.status === 'cancelled' ? 'neutral' : 'grade-high'}`}>
          {STATUS[a.status]}
        </span>
        {manage && (
          <Link className="btn secondary small" to={`/manage/${a.id}`}>
            Change or cancel
            <span className="visually-hidden">
              {' '}
              {a.typeName} on {formatDateTime(a.start, a.timeZone)}
            </span>
          </Link>
        )}
      </div>
    </li>
  );
  return (
    <>
      <h1>Appointments</h1>
      <p>
        <Link className="btn" to="/book">
          Book an appointment
        </Link>
      </p>
      <h2>Upcoming</h2>
      {upcoming.length ? (
        <ul className="appt-list">{upcoming.map((a) => item(a, a.status === 'booked'))}</ul>
      ) : (
        <EmptyState title="No upcoming appointments">Book a consultation and it will show here.</EmptyState>
      )}
      <h2>Past and cancelled</h2>
      {past.length ? (
        <ul className="appt-list">{past.map((a) => item(a, false))}</ul>
      ) : (
        <p className="muted">Nothing yet.</p>
      )}
    </>
  );
}
