import { PlansPanel } from '../../care/plans-panel';
import type { ChartTabProps } from '../chart-tabs';

export default function PlansTab({ patientId }: ChartTabProps) {
  return <PlansPanel patientId={patientId} />;
}
