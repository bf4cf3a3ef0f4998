import { ConsentsPanel } from '../../care/consents-panel';
import type { ChartTabProps } from '../chart-tabs';

export default function ConsentsTab({ patientId }: ChartTabProps) {
  return <ConsentsPanel patientId={patientId} />;
}
