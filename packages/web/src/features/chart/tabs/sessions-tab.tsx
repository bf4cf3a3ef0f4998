import { SessionsPanel } from '../../care/sessions-panel';
import type { ChartTabProps } from '../chart-tabs';

export default function SessionsTab({ patientId }: ChartTabProps) {
  return <SessionsPanel patientId={patientId} />;
}
