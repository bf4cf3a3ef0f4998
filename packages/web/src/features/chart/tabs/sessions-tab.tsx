import { SessionsPanel } from '../../care/sessions-panel';
import type { ChartTabProps } from '../chart-tab-props';

export default function SessionsTab({ patientId }: ChartTabProps) {
  return <SessionsPanel patientId={patientId} />;
}
