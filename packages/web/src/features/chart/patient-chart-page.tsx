import { Suspense } from 'react';
import { Link, Navigate, NavLink, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { CHART_TABS } from './chart-tabs';
import { usePatient } from './use-patient';

export function PatientChartPage() {
  const { id = '', tab } = useParams();
  const { data: me } = useMe();
  const { data: patient, error } = usePatient(id);
  usePageMeta(patient ? `${patient.name} — chart` : 'Patient chart');
  const tabs = CHART_TABS.filter((t) => me && t.roles.includes(me.role));
  const current = tabs.find((t) => t.path === tab);
  if (!tab && tabs[0]) return <Navigate to={tabs[0].path} replace />;
  if (error)
    return (
      <>
        <h1>Patient chart</h1>
        <ErrorState error={error} title="Could not open the chart" />
        <p>
          <Link to="/staff/patients">Search for the patient</Link>
        </p>
      </>
    );
  return (
    <>
      <div className="row chart-head">
        <h1 style={{ marginRight: 'auto' }}>{patient?.name ?? 'Patient'}</h1>
        {me && me.role !== 'patient' && (
          <Link className="btn" to={`/staff/calendar?patient=${encodeURIComponent(id)}`}>
            Book<span className="visually-hidden"> an appointment for {patient?.name ?? 'this patient'}</span>
          </Link>
        )}
      </div>
      {me && (me.role === 'clinician' || me.role === 'admin') && (
        <p>
          <Link to={`/staff/patients/${id}/merge`}>Merge a duplicate record into this one</Link>
        </p>
      )}
      <nav aria-label="Chart sections">
        <ul className="nav" style={{ borderBottom: '1px solid var(--border)', marginBottom: 16 }}>
          {tabs.map((t) => (
            <li key={t.path}>
              <NavLink to={`/staff/patients/${id}/${t.path}`}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>
        {current ? <current.component patientId={id} /> : <p>This section is not available for your role.</p>}
      </Suspense>
    </>
  );
}
