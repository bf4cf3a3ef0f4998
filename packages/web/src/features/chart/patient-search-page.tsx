import type { Patient } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';

export function PatientSearchPage() {
  usePageMeta('Patients');
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['patients', q],
    queryFn: () => api.get<Patient[]>(`/api/patients?q=${encodeURIComponent(q)}`),
  });
  return (
    <>
      <h1>Patients</h1>
      <div className="field" style={{ maxWidth: 420 }}>
        <label htmlFor="patient-search">Search by name or email</label>
        <input id="patient-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {query.isPending && <Loading />}
      {query.error && <ErrorState error={query.error} />}
      {query.data && query.data.length === 0 && (
        <EmptyState title="No patients found">Try part of the name or the email address.</EmptyState>
      )}
      {query.data && query.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Phone</th>
              <th>Born</th>
            </tr>
          </thead>
          <tbody>
            {query.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/staff/patients/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.email}</td>
                <td>{p.phone ?? '—'}</td>
                <td>{p.birthDate ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
