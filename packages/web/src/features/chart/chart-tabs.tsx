import { type Role, STAFF_ROLES } from '@anagen/core/access';
import { type ComponentType, lazy } from 'react';
import type { ChartTabProps } from './chart-tab-props';

export interface ChartTab {
  /** URL segment under /staff/patients/:id/ */
  path: string;
  label: string;
  roles: readonly Role[];
  component: ComponentType<ChartTabProps>;
}

const CLINICAL: readonly Role[] = ['clinician', 'admin'];
const ALL_STAFF = STAFF_ROLES;

const tab = (
  path: string,
  label: string,
  roles: readonly Role[],
  load: () => Promise<{ default: ComponentType<ChartTabProps> }>,
): ChartTab => ({
  path,
  label,
  roles,
  component: lazy(load),
});

/**
 * The chart's tabs, in order. Each feature owns its tab component in ./tabs/; front desk sees only
 * the tabs without clinical data (the API enforces the same rule).
 */
export const CHART_TABS: ChartTab[] = [
  tab('summary', 'Summary', ALL_STAFF, () => import('./tabs/summary-tab')),
  tab('appointments', 'Appointments', ALL_STAFF, () => import('./tabs/appointments-tab')),
  tab('assessment', 'Assessment', CLINICAL, () => import('./tabs/assessment-tab')),
  tab('plans', 'Plan', CLINICAL, () => import('./tabs/plans-tab')),
  tab('sessions', 'Sessions', CLINICAL, () => import('./tabs/sessions-tab')),
  tab('photos', 'Photos & measurements', CLINICAL, () => import('./tabs/photos-tab')),
  tab('consents', 'Consents', CLINICAL, () => import('./tabs/consents-tab')),
  tab('side-effects', 'Side effects', CLINICAL, () => import('./tabs/side-effects-tab')),
  tab('documents', 'Documents', CLINICAL, () => import('./tabs/documents-tab')),
  tab('publications', 'Publish results', CLINICAL, () => import('../publications/publications-tab')),
  tab('audit', 'Audit', ['admin'], () => import('./tabs/audit-tab')),
];
