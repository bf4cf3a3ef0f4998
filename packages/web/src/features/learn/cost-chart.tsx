import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PLAN_COLOURS } from './plan-colours';

const DASHES: (number[] | undefined)[] = [undefined, [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [1, 2]];

export interface CostSeries {
  label: string;
  /** Cumulative cents at the end of month 1..N. */
  monthlyCumulativeCents: number[];
  /** The same at the low and high ends of the published price ranges. */
  lowCents: number[];
  highCents: number[];
}

/** Cumulative cost over time, one line per plan (a table beside it carries the same numbers). */
export default function CostChart({ series }: { series: CostSeries[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = el.current;
    if (!host || series.length === 0) return;
    const months = series[0]!.monthlyCumulativeCents.length;
    const xs = [0, ...Array.from({ length: months }, (_, i) => (i + 1) / 12)];
    const line = (cents: number[]) => [0, ...cents.map((c) => c / 100)];
    // Per plan: the midpoint line, then its low and high edges, which a shaded band joins.
    const data: uPlot.AlignedData = [
      xs,
      ...series.flatMap((s) => [line(s.monthlyCumulativeCents), line(s.lowCents), line(s.highCents)]),
    ];
    const bands: uPlot.Band[] = series.map((_, i) => ({
      series: [3 * i + 3, 3 * i + 2] as [number, number],
      fill: `${PLAN_COLOURS[i % PLAN_COLOURS.length]}22`,
    }));
    const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;
    const width = () => Math.max(280, Math.min(host.clientWidth, 900));
    const plot = new uPlot(
      {
        width: width(),
        height: 320,
        scales: { x: { time: false } },
        axes: [
          { label: 'Years', values: (_u, v) => v.map((x) => `${x}`) },
          { label: 'Cumulative cost (USD)', size: 80, values: (_u, v) => v.map(usd) },
        ],
        series: [
          { label: 'Year', value: (_u, v) => (v == null ? '' : `${v.toFixed(1)} y`) },
          ...series.flatMap((s, i) => {
            const stroke = PLAN_COLOURS[i % PLAN_COLOURS.length];
            const value = (_u: uPlot, v: number | null) => (v == null ? '' : usd(v));
            return [
              { label: s.label, stroke, width: 2.5, dash: DASHES[i % DASHES.length], value },
              { label: `${s.label} (low)`, stroke: `${stroke}66`, width: 1, value },
              { label: `${s.label} (high)`, stroke: `${stroke}66`, width: 1, value },
            ];
          }),
        ],
        bands,
        cursor: { drag: { x: false, y: false } },
      },
      data,
      host,
    );
    const onResize = () => plot.setSize({ width: width(), height: 320 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [series]);
  return <div ref={el} className="cost-chart" aria-hidden="true" />;
}
