import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/clinic-time';
import { STATUS_LABEL } from '../../calendar/calendar-api';
import type { ChartTabProps } from '../chart-tab-props';
import { usePatientAppointments } from '../use-patient';

/** The patient's appointments, newest first, with status and their own confirmation. */
export default function AppointmentsTab({ patientId }: ChartTabProps) {
  const q = usePatientAppointments(patientId);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data.length) {
    return (
      <EmptyState title="No appointments yet">
        Book one from the <Link to="/staff/calendar">calendar</Link>.
      </EmptyState>
    );
  }
  return (
    <table>
      <caption className="visually-hidden">Appointments</caption>
      <thead>
        <tr>
          <th scope="col">When (clinic time)</th>
          <th scope="col">Visit</th>
          <th scope="col">Status</th>
          <th scope="col">Patient confirmed</th>
        </tr>
      </thead>
      <tbody>
        {[...q.data].reverse().map((a) => (
          <tr key={a.id}>
            <td>{formatDateTime(a.start, a.timeZone)}</td>
            <td>
              {a.typeName} with {a.providerName}
              {a.seriesId && <span className="muted small"> · part of a series</span>}
            </td>
            <td>{STATUS_LABEL[a.status]}</td>
            <td>{a.patientConfirmedAt ? 'Yes' : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
