import { Link, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { MyQuestionnaires } from '../outcomes/my-questionnaires';
import { BeforeAfter } from './before-after';
import { CapturePanel } from './capture-panel';
import { PhotoGallery } from './photo-gallery';
import { ProgressResults } from './progress-results';
import { useUploadAllowance } from './upload-allowance';

/** /portal/progress: the patient's own photos, measurements, comparisons and charts. */
export default function ProgressPage() {
  usePageMeta(
    'My progress',
    'Your progress photos, measurements and how they compare with published studies.',
  );
  const { data: me, isPending, error } = useMe();
  const allowance = useUploadAllowance(!!me?.patientId);
  const [params, setParams] = useSearchParams();
  const treatment = params.get('treatment') ?? undefined;
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  const patientId = me?.patientId;
  if (!patientId)
    return <ErrorState error={new Error('Your account is not linked to a patient record yet.')} />;
  return (
    <div className="stack">
      <h1>My progress</h1>
      <p className="muted">
        Photos taken the same way each time, and close-up measurements from the clinic, show how your hair is
        changing. Small changes can be noise; the charts show how uncertain each measurement is.
      </p>
      <p>
        <Link
          className="btn secondary"
          to={`/portal/progress/report${treatment ? `?treatment=${treatment}` : ''}`}
        >
          One-page report to print
        </Link>
      </p>
      <ProgressResults
        patientId={patientId}
        treatment={treatment}
        onTreatmentChange={(t) => setParams(t ? { treatment: t } : {}, { replace: true })}
      />
      <MyQuestionnaires patientId={patientId} canAnswer />
      <BeforeAfter patientId={patientId} />
      {allowance.data && !allowance.data.allowed ? (
        <p className="alert info" role="status">
          {allowance.data.reason}
        </p>
      ) : (
        <CapturePanel patientId={patientId} audience="patient" />
      )}
      <PhotoGallery patientId={patientId} canRemove="own" />
    </div>
  );
}
