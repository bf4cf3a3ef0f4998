/**
 * What every chart tab receives. In a file of its own because `chart-tabs.tsx` lazy-loads the tabs:
 * were the tabs to import this type from there, each would sit in an import cycle with the list.
 */
export interface ChartTabProps {
  patientId: string;
}
