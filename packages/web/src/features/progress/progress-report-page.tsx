import { useParams, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { usePatient } from '../chart/use-patient';
import { ProgressReport } from './progress-report';

/** /portal/progress/report (own record) and /staff/patients/:id/progress/report. */
export default function ProgressReportPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { data: me, isPending } = useMe();
  const patientId = id ?? me?.patientId ?? '';
  const patient = usePatient(patientId);
  usePageMeta(patient.data ? `Progress report — ${patient.data.name}` : 'Progress report');
  if (isPending || patient.isPending) return <Loading />;
  if (patient.error) return <ErrorState error={patient.error} title="Could not open the record" />;
  return (
    <ProgressReport
      patientId={patientId}
      patientName={patient.data.name}
      treatment={params.get('treatment') ?? undefined}
    />
  );
}
