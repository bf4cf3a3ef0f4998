import { useMe } from '../../auth/use-me';
import { DocumentsPanel } from '../../documents/documents-panel';
import type { ChartTabProps } from '../chart-tab-props';

/** Chart tab "Documents": referral letters, results and letters; clinicians file and remove them. */
export default function DocumentsTab({ patientId }: ChartTabProps) {
  const { data: me } = useMe();
  const clinician = me?.role === 'clinician';
  return <DocumentsPanel patientId={patientId} canFile={clinician} canRemove={clinician ? 'all' : 'none'} />;
}
