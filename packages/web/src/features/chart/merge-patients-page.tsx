import type {
  Patient,
  PatientMergePreview,
  PatientMergeResult,
  PatientRecordSummary,
} from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { fmtDate } from '../../lib/clinic-time';
import { SaveError } from '../admin/form-bits';
import { usePatient } from './use-patient';

const KIND_LABELS: Record<string, string> = {
  appointments: 'Appointments',
  deliveries: 'Messages sent',
  diagnoses: 'Diagnoses',
  treatment_plans: 'Treatment plans',
  treatment_sessions: 'Sessions',
  consent_signatures: 'Signed consents',
  checklist_items: 'Checklist items',
  side_effect_reports: 'Side-effect reports',
  care_alerts: 'Alerts',
  consultation_overrides: 'Consultation overrides',
  photos: 'Photos',
  measurements: 'Measurements',
  assessments: 'Assessments',
  deletion_requests: 'Deletion requests',
  patient_documents: 'Documents',
};

/**
 * Staff merge a duplicate record into this one (typically the separate record a guest booking made
 * because its email belonged to an account). Both records are shown side by side before the merge.
 */
export function MergePatientsPage() {
  const { id = '' } = useParams();
  const { data: kept, error } = usePatient(id);
  usePageMeta(kept ? `Merge into ${kept.name}` : 'Merge records');
  const [q, setQ] = useState('');
  const [sourceId, setSourceId] = useState<string | null>(null);
  const search = q.trim() || kept?.email || '';
  const candidates = useQuery({
    queryKey: ['patients', 'merge-candidates', search],
    queryFn: () => api.get<Patient[]>(`/api/patients?q=${encodeURIComponent(search)}`),
    enabled: !!kept,
  });
  if (error) return <ErrorState error={error} title="Could not open the record" />;
  if (!kept) return <Loading />;
  const others = (candidates.data ?? []).filter((p) => p.id !== id);
  return (
    <>
      <h1>Merge a duplicate into {kept.name}'s record</h1>
      <p>
        Everything in the record you pick (appointments, sessions, photos…) moves to this record, and the
        picked record is removed. This is recorded in the audit log and cannot be undone here.
      </p>
      <p>
        <Link to={`/staff/patients/${id}`}>Back to the chart</Link>
      </p>
      <div className="field" style={{ maxWidth: 420 }}>
        <label htmlFor="merge-search">Find the duplicate by name or email</label>
        <input
          id="merge-search"
          type="search"
          value={q}
          placeholder={kept.email}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {candidates.isPending && <Loading />}
      {candidates.data && others.length === 0 && (
        <EmptyState title="No other records found">Records with the same email are listed here.</EmptyState>
      )}
      {others.length > 0 && (
        <table aria-label="Possible duplicates">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Account</th>
              <th>Created</th>
              <th>
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {others.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.email}</td>
                <td>{p.hasAccount ? 'Patient account' : 'No account (guest)'}</td>
                <td>{fmtDate(p.createdAt)}</td>
                <td>
                  <button type="button" className="btn secondary" onClick={() => setSourceId(p.id)}>
                    Compare {p.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sourceId && <MergePreview keptId={id} sourceId={sourceId} key={sourceId} />}
    </>
  );
}

function MergePreview({ keptId, sourceId }: { keptId: string; sourceId: string }) {
  const [checked, setChecked] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: ['merge-preview', keptId, sourceId],
    queryFn: () =>
      api.get<PatientMergePreview>(
        `/api/patients/${encodeURIComponent(keptId)}/merge-preview?source=${encodeURIComponent(sourceId)}`,
      ),
  });
  const merge = useMutation({
    mutationFn: () =>
      api.post<PatientMergeResult>(`/api/patients/${encodeURIComponent(keptId)}/merge`, {
        sourcePatientId: sourceId,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries();
      navigate(`/staff/patients/${keptId}`, { state: { merged: true } });
    },
  });
  if (preview.isPending) return <Loading />;
  if (preview.error) return <ErrorState error={preview.error} />;
  const { kept, source, blocker } = preview.data;
  const kinds = [...new Set([...Object.keys(kept.counts), ...Object.keys(source.counts)])].sort();
  const row = (label: string, f: (r: PatientRecordSummary) => string) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{f(source)}</td>
      <td>{f(kept)}</td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="merge-compare" style={{ marginTop: 16 }}>
      <h2 id="merge-compare">Compare the two records</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Field</span>
            </th>
            <th scope="col">Merged away</th>
            <th scope="col">Kept</th>
          </tr>
        </thead>
        <tbody>
          {row('Name', (r) => r.name)}
          {row('Email', (r) => r.email)}
          {row('Phone', (r) => r.phone ?? '—')}
          {row('Born', (r) => r.birthDate ?? '—')}
          {row('Account', (r) => (r.hasAccount ? 'Patient account' : 'No account (guest)'))}
          {row('Created', (r) => fmtDate(r.createdAt))}
          {kinds.map((k) => row(KIND_LABELS[k] ?? k, (r) => String(r.counts[k] ?? 0)))}
        </tbody>
      </table>
      {blocker ? (
        <p className="alert error" role="alert">
          {blocker}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            merge.mutate();
          }}
        >
          <label style={{ display: 'block', margin: '12px 0' }}>
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> I
            checked that both records are the same person
          </label>
          <SaveError error={merge.error} />
          <button type="submit" className="btn" disabled={!checked || merge.isPending}>
            Merge into {kept.name}'s record
          </button>
        </form>
      )}
    </section>
  );
}
