import type { ReferenceBand, SiteBand, SiteSeries } from '@anagen/core/contracts';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { METRICS, type MetricKey, metricValue } from './format';

const YOU = '#1f5f5b';
const BASELINE = '#4f5a61';
const BAND_STROKE = '#9a6700';
const BAND_FILL = 'rgba(230, 159, 0, 0.22)';
const CONTROL = '#6b4fa0';

type ChartMetric = Exclude<MetricKey, 'hairCount'>;

export interface ProgressChartProps {
  series: SiteSeries;
  metric: ChartMetric;
  /** The published result for this site (density only). */
  band?: { ref: ReferenceBand; site: SiteBand } | undefined;
  height?: number;
}

/**
 * One measure at one site over months since baseline: the patient's values with ± uncertainty
 * whiskers, a dashed baseline, and (for density) the published trial result anchored on the
 * baseline — shaded between its confidence limits, or between the comparison group's and the
 * treated group's average when no interval was published. The table beside it has the numbers.
 */
export default function ProgressChart({ series, metric, band, height = 260 }: ProgressChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = el.current;
    if (!host || series.points.length === 0) return;
    const pts = series.points;
    const val = (v: number) => metricValue(metric, v);
    const unc = (p: (typeof pts)[number]) => val(p.uncertainty[metric]);
    const b = metric === 'densityPerCm2' ? band?.site : undefined;
    const xsSet = new Set(pts.map((p) => p.monthsSinceBaseline));
    if (b?.atMonths != null) xsSet.add(b.atMonths);
    const xs = [...xsSet].sort((x, y) => x - y);
    const byX = new Map(pts.map((p) => [p.monthsSinceBaseline, p]));
    const baseline = val(pts[0]![metric]);
    const upper = b ? (b.high ?? (b.control !== null ? Math.max(b.mean, b.control) : b.mean)) : null;
    const lower = b ? (b.low ?? (b.control !== null ? Math.min(b.mean, b.control) : b.mean)) : null;

    const data: (number | null)[][] = [
      xs,
      xs.map((x) => (byX.has(x) ? val(byX.get(x)![metric]) : null)),
      xs.map(() => baseline),
    ];
    const seriesOpts: uPlot.Series[] = [
      { label: 'Months', value: (_u, v) => (v == null ? '' : `${v.toFixed(1)} mo`) },
      {
        label: 'Measured',
        stroke: YOU,
        width: 2.5,
        spanGaps: true,
        points: { size: 9, fill: YOU, stroke: YOU },
        value: (_u, v) => (v == null ? '' : `${v.toFixed(METRICS[metric].digits)} ${METRICS[metric].unit}`),
      },
      { label: 'Baseline', stroke: BASELINE, width: 1.5, dash: [6, 4], points: { show: false } },
    ];
    const bands: uPlot.Band[] = [];
    if (b && upper !== null && lower !== null) {
      data.push(
        xs.map(() => upper),
        xs.map(() => lower),
        xs.map(() => b.mean),
      );
      const shadedLabel = b.low !== null ? 'Published 95 % interval' : 'Published range';
      seriesOpts.push(
        { label: `${shadedLabel} (upper)`, stroke: BAND_STROKE, width: 1, points: { show: false } },
        { label: `${shadedLabel} (lower)`, stroke: BAND_STROKE, width: 1, points: { show: false } },
        { label: 'Trial average', stroke: BAND_STROKE, width: 2, dash: [2, 4], points: { show: false } },
      );
      bands.push({ series: [3, 4], fill: BAND_FILL });
      if (b.control !== null && b.low !== null) {
        data.push(xs.map(() => b.control));
        seriesOpts.push({
          label: 'Comparison group',
          stroke: CONTROL,
          width: 1.5,
          dash: [10, 4],
          points: { show: false },
        });
      }
    }
    const all = [
      ...pts.flatMap((p) => [val(p[metric]) - unc(p), val(p[metric]) + unc(p)]),
      ...(upper !== null && lower !== null ? [upper, lower] : []),
      ...(b?.control != null ? [b.control] : []),
    ];
    const min = Math.min(...all);
    const max = Math.max(...all);
    const pad = Math.max(1e-6, (max - min) * 0.12);
    const lo = metric === 'vellusRatio' ? Math.max(0, min - pad) : min - pad;
    const atMonths = b?.atMonths ?? null;

    const width = () => Math.max(240, Math.min(host.clientWidth, 860));
    const plot = new uPlot(
      {
        width: width(),
        height,
        scales: {
          x: { time: false, range: (_u, _lo, hi) => [0, Math.max(1, hi) * 1.05 + 0.2] },
          y: { range: () => [lo, max + pad] },
        },
        axes: [
          { label: 'Months since baseline', values: (_u, v) => v.map((x) => `${x}`) },
          { label: METRICS[metric].unit, size: 56 },
        ],
        series: seriesOpts,
        bands,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        hooks: {
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = YOU;
              ctx.lineWidth = 1.5 * devicePixelRatio;
              const cap = 5 * devicePixelRatio;
              for (const p of pts) {
                const x = u.valToPos(p.monthsSinceBaseline, 'x', true);
                const y1 = u.valToPos(val(p[metric]) - unc(p), 'y', true);
                const y2 = u.valToPos(val(p[metric]) + unc(p), 'y', true);
                ctx.beginPath();
                ctx.moveTo(x, y1);
                ctx.lineTo(x, y2);
                ctx.moveTo(x - cap, y1);
                ctx.lineTo(x + cap, y1);
                ctx.moveTo(x - cap, y2);
                ctx.lineTo(x + cap, y2);
                ctx.stroke();
              }
              if (atMonths !== null) {
                // The trial's time point.
                const x = u.valToPos(atMonths, 'x', true);
                ctx.strokeStyle = BAND_STROKE;
                ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
                ctx.setLineDash([]);
                ctx.fillStyle = BAND_STROKE;
                ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
                ctx.fillText(
                  `trial time point`,
                  x + 4 * devicePixelRatio,
                  u.bbox.top + 14 * devicePixelRatio,
                );
              }
              ctx.restore();
            },
          ],
        },
      },
      data as uPlot.AlignedData,
      host,
    );
    const onResize = () => plot.setSize({ width: width(), height });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [series, metric, band, height]);
  const b = metric === 'densityPerCm2' ? band?.site : undefined;
  return (
    <div>
      <div ref={el} className="progress-chart" aria-hidden="true" />
      <ul className="chart-legend small">
        <li>
          <span className="legend-line" style={{ borderColor: YOU }} /> Measured (± uncertainty)
        </li>
        <li>
          <span className="legend-line dashed" style={{ borderColor: BASELINE }} /> Baseline (first
          measurement)
        </li>
        {b && (
          <>
            <li>
              <span className="legend-area" style={{ background: BAND_FILL, borderColor: BAND_STROKE }} />{' '}
              {b.low !== null
                ? 'Published 95 % interval'
                : b.control !== null
                  ? 'Between the comparison group’s and the treated group’s average'
                  : 'Published average'}
            </li>
            <li>
              <span className="legend-line dotted" style={{ borderColor: BAND_STROKE }} /> Trial average
            </li>
            {b.control !== null && b.low !== null && (
              <li>
                <span className="legend-line dashed" style={{ borderColor: CONTROL }} /> Comparison group
              </li>
            )}
          </>
        )}
      </ul>
    </div>
  );
}
