import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/use-me';
import { MyQuestionnaires } from '../../outcomes/my-questionnaires';
import { AnalysisQueueNote } from '../../progress/analysis-queue';
import { BeforeAfter } from '../../progress/before-after';
import { CapturePanel } from '../../progress/capture-panel';
import { MeasurementReview } from '../../progress/measurement-review';
import { PhotoGallery } from '../../progress/photo-gallery';
import { ProgressResults } from '../../progress/progress-results';
import type { ChartTabProps } from '../chart-tab-props';

/** Chart tab "Photos & measurements": review, capture, progress against published results, before/after. */
export default function PhotosTab({ patientId }: ChartTabProps) {
  const { data: me } = useMe();
  const [treatment, setTreatment] = useState<string | undefined>();
  const canWrite = me?.role === 'clinician';
  return (
    <div className="stack">
      <div className="row">
        <Link
          className="btn secondary"
          to={`/staff/patients/${encodeURIComponent(patientId)}/progress/report${treatment ? `?treatment=${treatment}` : ''}`}
        >
          Printable progress report
        </Link>
      </div>
      {(me?.role === 'clinician' || me?.role === 'admin') && <AnalysisQueueNote />}
      {/* Readings first: a clinician opens this tab to review them; the upload form comes after. */}
      <MeasurementReview patientId={patientId} canCorrect={canWrite} />
      {canWrite && <CapturePanel patientId={patientId} audience="staff" />}
      <ProgressResults patientId={patientId} treatment={treatment} onTreatmentChange={setTreatment} />
      <MyQuestionnaires patientId={patientId} canAnswer={false} />
      <BeforeAfter patientId={patientId} />
      <PhotoGallery patientId={patientId} canRemove={canWrite ? 'all' : 'none'} />
    </div>
  );
}
