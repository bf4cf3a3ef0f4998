import { ConsentsPanel } from '../../care/consents-panel';
import type { ChartTabProps } from '../chart-tab-props';

export default function ConsentsTab({ patientId }: ChartTabProps) {
  return <ConsentsPanel patientId={patientId} />;
}
