import type { ReviewMark } from './review-state';

/** Colour and shape per class, so a mark reads without colour too (the legend names both). */
const MARK_STYLE = {
  terminal: { colour: '#c2255c', shape: 'circle', label: 'Terminal (≥ 60 µm)' },
  intermediate: { colour: '#e8590c', shape: 'square', label: 'Intermediate (30–60 µm)' },
  vellus: { colour: '#1971c2', shape: 'triangle', label: 'Vellus (< 30 µm)' },
  unmeasured: { colour: '#2b8a3e', shape: 'diamond', label: 'Added by you (not measured)' },
} as const;

type Shape = (typeof MARK_STYLE)[keyof typeof MARK_STYLE]['shape'];

function ShapePath({ shape, r, ...rest }: { shape: Shape; r: number } & React.SVGProps<SVGElement>) {
  const p = rest as React.SVGProps<SVGPathElement>;
  if (shape === 'circle') return <circle r={r} {...(rest as React.SVGProps<SVGCircleElement>)} />;
  if (shape === 'square')
    return (
      <rect
        x={-r * 0.85}
        y={-r * 0.85}
        width={r * 1.7}
        height={r * 1.7}
        {...(rest as React.SVGProps<SVGRectElement>)}
      />
    );
  if (shape === 'triangle')
    return <path d={`M 0 ${-r} L ${r * 0.95} ${r * 0.7} L ${-r * 0.95} ${r * 0.7} Z`} {...p} />;
  return <path d={`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`} {...p} />;
}

/**
 * One hair at its emergence point, drawn at a constant size on screen whatever the zoom. Hairs the
 * engine reads at one point (a follicular unit) get rings growing outward, one per hair. The hit
 * area is a 24 px circle around the mark.
 */
export function HairMark({
  mark,
  scale,
  ring,
  selected,
}: {
  mark: ReviewMark;
  scale: number;
  ring: number;
  selected: boolean;
}) {
  const style = MARK_STYLE[mark.class];
  const r = (6 + ring * 4) / scale;
  return (
    <g
      className={`hair-mark${mark.removed ? ' removed' : ''}${selected ? ' selected' : ''}`}
      transform={`translate(${mark.x} ${mark.y})`}
      data-key={mark.key}
      data-class={mark.class}
      data-state={mark.removed ? 'removed' : 'counted'}
    >
      {selected && (
        <circle r={r + 5 / scale} className="hair-selected" strokeWidth={2.5 / scale} fill="none" />
      )}
      <ShapePath
        shape={style.shape}
        r={r}
        stroke={mark.removed ? '#5c6770' : style.colour}
        strokeWidth={2 / scale}
        strokeDasharray={mark.removed ? `${3 / scale} ${2 / scale}` : undefined}
        fill={style.colour}
        fillOpacity={mark.removed ? 0 : 0.18}
      />
      {mark.removed && (
        <path
          d={`M ${-r * 0.6} ${-r * 0.6} L ${r * 0.6} ${r * 0.6} M ${r * 0.6} ${-r * 0.6} L ${-r * 0.6} ${r * 0.6}`}
          stroke="#5c6770"
          strokeWidth={1.5 / scale}
        />
      )}
      <circle r={Math.max(r, 12 / scale)} fill="transparent" className="hair-hit" />
    </g>
  );
}

/** What each mark means, with how many of each are counted now. */
export function HairLegend({ marks }: { marks: readonly ReviewMark[] }) {
  const counted = marks.filter((m) => !m.removed);
  return (
    <ul className="hair-legend small" aria-label="Legend">
      {(Object.keys(MARK_STYLE) as (keyof typeof MARK_STYLE)[]).map((c) => (
        <li key={c}>
          <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
            <ShapePath
              shape={MARK_STYLE[c].shape}
              r={6}
              stroke={MARK_STYLE[c].colour}
              strokeWidth={2}
              fill={MARK_STYLE[c].colour}
              fillOpacity={0.18}
            />
          </svg>
          {MARK_STYLE[c].label}: {counted.filter((m) => m.class === c).length}
        </li>
      ))}
      <li>
        <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
          <circle r={6} stroke="#5c6770" strokeWidth={2} strokeDasharray="3 2" fill="none" />
          <path d="M -3.6 -3.6 L 3.6 3.6 M 3.6 -3.6 L -3.6 3.6" stroke="#5c6770" strokeWidth={1.5} />
        </svg>
        Removed (not counted): {marks.length - counted.length}
      </li>
    </ul>
  );
}
