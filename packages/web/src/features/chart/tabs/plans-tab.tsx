import { PlansPanel } from '../../care/plans-panel';
import type { ChartTabProps } from '../chart-tab-props';

export default function PlansTab({ patientId }: ChartTabProps) {
  return <PlansPanel patientId={patientId} />;
}
