import { SideEffectsPanel } from '../../care/side-effects-panel';
import type { ChartTabProps } from '../chart-tab-props';

export default function SideEffectsTab({ patientId }: ChartTabProps) {
  return <SideEffectsPanel patientId={patientId} />;
}
