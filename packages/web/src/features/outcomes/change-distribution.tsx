import type { ChangeSummary } from '@anagen/core/contracts';
import { signed } from './outcomes-format';

const W = 640;
const ROW = 56;
const LEFT = 84;
const RIGHT = 16;
const TOP = 16;
const AXIS = 36;

/**
 * Every patient's change as a dot, per time point, with the quartile box, the median and its 95 %
 * interval (drawn only from 5 patients on) — the spread, not just an average. A published figure
 * (same unit) is a dashed line. The tables beside it carry the same numbers for screen readers.
 */
export function ChangeDistribution({
  rows,
  unit,
  published,
}: {
  rows: readonly ChangeSummary[];
  unit: string;
  published?: { value: number; label: string } | null;
}) {
  const values = rows.flatMap((r) => [...r.changes, ...(r.ci95 ?? [])]);
  if (published) values.push(published.value);
  values.push(0);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 10) * 0.08;
  const min = lo - pad;
  const max = hi + pad;
  const x = (v: number) => LEFT + ((v - min) / (max - min)) * (W - LEFT - RIGHT);
  const height = TOP + rows.length * ROW + AXIS;
  const ticks = niceTicks(min, max);
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      style={{ maxWidth: 760, display: 'block' }}
      role="img"
      aria-label={`Distribution of change in ${unit} at ${rows.map((r) => `${r.month} months (n = ${r.n})`).join(', ')}`}
      className="outcomes-chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={TOP} y2={height - AXIS} stroke={t === 0 ? '#4f5a61' : '#e3e6e8'} />
          <text x={x(t)} y={height - AXIS + 16} textAnchor="middle" fontSize="12" fill="#3b4449">
            {signed(t, 0)}
          </text>
        </g>
      ))}
      <text x={(LEFT + W - RIGHT) / 2} y={height - 4} textAnchor="middle" fontSize="12" fill="#3b4449">
        Change from baseline ({unit})
      </text>
      {published && (
        <g>
          <line
            x1={x(published.value)}
            x2={x(published.value)}
            y1={TOP - 6}
            y2={height - AXIS}
            stroke="#9a6700"
            strokeDasharray="5 4"
            strokeWidth={2}
          />
          <title>{published.label}</title>
        </g>
      )}
      {rows.map((r, i) => {
        const cy = TOP + i * ROW + ROW / 2;
        return (
          <g key={r.month}>
            <text x={8} y={cy - 4} fontSize="13" fill="#1d2327">
              {r.month} months
            </text>
            <text x={8} y={cy + 12} fontSize="12" fill="#3b4449">
              n = {r.n}
            </text>
            {r.q1 !== null && r.q3 !== null && r.n >= 2 && (
              <rect
                x={x(r.q1)}
                y={cy - 12}
                width={Math.max(1, x(r.q3) - x(r.q1))}
                height={24}
                fill="rgba(31, 95, 91, 0.12)"
                stroke="#1f5f5b"
              />
            )}
            {r.ci95 && (
              <line
                x1={x(r.ci95[0])}
                x2={x(r.ci95[1])}
                y1={cy + 18}
                y2={cy + 18}
                stroke="#1f5f5b"
                strokeWidth={3}
              />
            )}
            {r.changes.map((c, j) => (
              <circle
                // biome-ignore lint/suspicious/noArrayIndexKey: a sorted, read-only list; equal values need distinct keys
                key={`${j}-${c}`}
                cx={x(c)}
                // Deterministic vertical spread so equal values stay visible.
                cy={cy + (((j * 7) % 11) - 5) * 1.6}
                r={3.2}
                fill="#1f5f5b"
                fillOpacity={0.55}
              />
            ))}
            {r.median !== null && (
              <line
                x1={x(r.median)}
                x2={x(r.median)}
                y1={cy - 16}
                y2={cy + 16}
                stroke="#111"
                strokeWidth={3}
              />
            )}
            {r.n === 0 && (
              <text x={LEFT + 8} y={cy + 4} fontSize="12" fill="#3b4449">
                No patients measured at this time point yet
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function niceTicks(min: number, max: number): number[] {
  const span = max - min;
  const raw = span / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}
