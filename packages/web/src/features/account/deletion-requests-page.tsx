import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { useAllDeletionRequests } from './account-api';

const fmt = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Admin: patients' requests to delete their data, for the clinic to review (decision 040). */
export function DeletionRequestsPage() {
  usePageMeta('Deletion requests');
  const list = useAllDeletionRequests();
  return (
    <>
      <h1>Deletion requests</h1>
      <p className="muted">
        Patients can ask from their portal for their data to be deleted. Nothing is erased automatically:
        medical records must be kept for the period the law requires. Review each request, delete what may be
        deleted, and reply to the patient explaining what is kept and for how long.
      </p>
      {list.error ? (
        <ErrorState error={list.error} title="Could not load the requests" />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <EmptyState title="No deletion requests" />
      ) : (
        <div className="table-scroll">
          <table aria-label="Deletion requests">
            <thead>
              <tr>
                <th scope="col">Asked</th>
                <th scope="col">Patient</th>
                <th scope="col">Reason given</th>
                <th scope="col">Clinic emailed</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((d) => (
                <tr key={d.id}>
                  <td>{fmt(d.createdAt)}</td>
                  <td>
                    <Link to={`/staff/patients/${encodeURIComponent(d.patientId)}`}>{d.patientName}</Link>
                    <br />
                    <span className="muted small">{d.patientEmail}</span>
                  </td>
                  <td>{d.reason ?? <span className="muted">None given</span>}</td>
                  <td>{d.clinicNotifiedAt ? fmt(d.clinicNotifiedAt) : 'Not yet'}</td>
                  <td>{d.status === 'open' ? 'Open — to review' : d.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
