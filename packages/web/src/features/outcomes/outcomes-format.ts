import type { ChangeSummary, Outcomes } from '@anagen/core/contracts';

const REASON_LABELS: Record<string, string> = {
  'no-baseline-measurement': 'No baseline measurement',
  'baseline-not-standardized': 'Baseline not a calibrated close-up',
  'baseline-flagged-by-quality-check': 'Baseline image flagged by the quality check',
  'flagged-by-quality-check': 'Image flagged by the quality check',
  'not-standardized': 'Not a calibrated close-up',
};
export const reasonLabel = (r: string) => REASON_LABELS[r] ?? r;

export const signed = (v: number | null, digits = 1) =>
  v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

export const share = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function summaryRows(metric: string, unit: string, list: readonly ChangeSummary[]) {
  return list.map((d) => [
    metric,
    unit,
    d.month,
    d.n,
    d.median,
    d.q1,
    d.q3,
    d.ci95?.[0] ?? null,
    d.ci95?.[1] ?? null,
    d.ciCoverage,
    d.responders.count,
    d.responders.share,
    d.excluded.reduce((s, e) => s + e.count, 0),
    d.missing,
  ]);
}

/** The page's numbers as CSV (one row per measure and time point, then the cohort and side effects). */
export function outcomesCsv(o: Outcomes): string {
  const rows: (string | number | null)[][] = [
    [
      'measure',
      'unit',
      'month',
      'n',
      'median',
      'q1',
      'q3',
      'ci95_low',
      'ci95_high',
      'ci_coverage',
      'responders',
      'responder_share',
      'excluded',
      'missing',
    ],
    ...summaryRows('density change', 'hairs/cm2', o.density),
    ...summaryRows('mean diameter change', 'um', o.diameter),
    [],
    ['cohort', 'count'],
    ['started', o.patients.started],
    ['in follow-up', o.patients.inFollowUp],
    ['completed follow-up', o.patients.completedFollowUp],
    ['lost to follow-up', o.patients.lostToFollowUp],
    ...o.patients.excluded.map((e) => [`excluded: ${reasonLabel(e.reason)}`, e.count]),
    [],
    ['side effects', 'reports', 'per 100 sessions'],
    ['all', o.sideEffects.reports, o.sideEffects.per100Sessions],
    ...o.sideEffects.bySeverity.map((s) => [s.severity, s.reports, s.per100Sessions]),
    [],
    ['treatment', o.treatment.slug],
    ['filters', JSON.stringify(o.filters)],
  ];
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
