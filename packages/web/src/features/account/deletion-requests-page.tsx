import type { DeletionRequest } from '@anagen/core/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { fmtDateTime } from '../../lib/clinic-time';
import { useAllDeletionRequests, useResolveDeletionRequest } from './account-api';

// Clinic time with the zone named, as on every staff page.
const fmt = (ms: number) => fmtDateTime(ms);

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
        deleted, then record your answer here — the patient sees it in their portal. If they closed their
        portal account, also reply by email or letter.
      </p>
      {list.error ? (
        <ErrorState error={list.error} title="Could not load the requests" />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <EmptyState title="No deletion requests">
          When a patient asks for their data to be deleted, the request waits here for review.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table aria-label="Deletion requests">
            <thead>
              <tr>
                <th scope="col">Asked</th>
                <th scope="col">Patient</th>
                <th scope="col">Reason given</th>
                <th scope="col">Clinic emailed</th>
                <th scope="col">Answer</th>
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
                  <td>{d.status === 'open' ? <ResolveForm request={d} /> : <Resolved request={d} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Resolved({ request }: { request: DeletionRequest }) {
  return (
    <>
      <span className="muted small">Answered {request.resolvedAt ? fmt(request.resolvedAt) : ''}</span>
      <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{request.resolutionNote}</p>
    </>
  );
}

function ResolveForm({ request }: { request: DeletionRequest }) {
  const id = useId();
  const resolve = useResolveDeletionRequest();
  const [error, setError] = useState<string | undefined>();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget).get('note') ?? '').trim();
    setError(undefined);
    resolve.mutate(
      { id: request.id, note },
      {
        onError: (err) =>
          setError(
            err instanceof ApiError ? (err.fieldErrors().note ?? err.message) : 'Could not save the answer.',
          ),
      },
    );
  }

  return (
    <form onSubmit={submit} className="field" style={{ minWidth: 260 }}>
      <label htmlFor={`${id}-note`}>Answer for {request.patientName}</label>
      <textarea
        id={`${id}-note`}
        name="note"
        rows={3}
        maxLength={4000}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      />
      <span id={`${id}-hint`} className="hint">
        What was deleted, what is kept and for how long.
      </span>
      {error && (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      )}
      <button type="submit" className="btn small" disabled={resolve.isPending}>
        Record answer
      </button>
    </form>
  );
}
