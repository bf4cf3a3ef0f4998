/** Formatting shared by the progress views: units always shown, signs explicit. */
export const METRICS = {
  densityPerCm2: { label: 'Density', unit: 'hairs/cm²', digits: 1 },
  meanDiameterUm: { label: 'Mean diameter', unit: 'µm', digits: 1 },
  vellusRatio: { label: 'Vellus (fine) hairs', unit: '%', digits: 1 },
  hairCount: { label: 'Hair count', unit: 'hairs', digits: 0 },
} as const;
export type MetricKey = keyof typeof METRICS;

/** Vellus ratios are stored as 0–1 and shown as %. */
export function metricValue(metric: MetricKey, v: number): number {
  return metric === 'vellusRatio' ? v * 100 : v;
}

export function fmt(metric: MetricKey, v: number): string {
  const m = METRICS[metric];
  return `${metricValue(metric, v).toFixed(m.digits)} ${m.unit}`;
}

export function fmtSigned(metric: MetricKey, v: number): string {
  const m = METRICS[metric];
  const x = metricValue(metric, v);
  const unit = metric === 'vellusRatio' ? 'points' : m.unit;
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(m.digits)} ${unit}`;
}

export function fmtPct(p: number | null): string {
  if (p === null) return '—';
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(1)} %`;
}

export function fmtMonths(m: number): string {
  if (m === 0) return 'Baseline';
  return `${m.toFixed(1)} months since baseline`;
}
