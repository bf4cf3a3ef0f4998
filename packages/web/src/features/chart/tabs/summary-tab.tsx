import { ErrorState, Loading } from '../../../components/ui/states';
import type { ChartTabProps } from '../chart-tabs';
import { usePatient } from '../use-patient';

export default function SummaryTab({ patientId }: ChartTabProps) {
  const { data: p, error, isPending } = usePatient(patientId);
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  return (
    <section className="card" aria-labelledby="demographics-heading">
      <h2 id="demographics-heading">Demographics</h2>
      <dl>
        <dt>Email</dt>
        <dd>{p.email}</dd>
        <dt>Phone</dt>
        <dd>{p.phone ?? '—'}</dd>
        <dt>Date of birth</dt>
        <dd>{p.birthDate ?? '—'}</dd>
        <dt>Sex</dt>
        <dd>{p.sex ?? '—'}</dd>
        <dt>Portal account</dt>
        <dd>{p.hasAccount ? 'Yes' : 'No'}</dd>
      </dl>
    </section>
  );
}
