import { SCALP_ZONE_LABELS, SCALP_ZONES, type ScalpZone, totalInjectedMl } from '@anagen/core/care';

export type InjectionMapValue = Partial<Record<ScalpZone, number>>;

// Zone rectangles in a 200 × 250 top-down view (face at the top), clipped to the head outline.
// The patient's left is on the left of the picture, as seen from above and behind.
const BOXES: Record<
  ScalpZone,
  { x: number; y: number; w: number; h: number; short: string; labelX?: number }
> = {
  'frontal-left': { x: 20, y: 25, w: 50, h: 50, short: 'F-L', labelX: 56 },
  'frontal-centre': { x: 70, y: 25, w: 60, h: 50, short: 'F-C' },
  'frontal-right': { x: 130, y: 25, w: 50, h: 50, short: 'F-R', labelX: 144 },
  'left-temple': { x: 20, y: 75, w: 30, h: 60, short: 'LT' },
  'midscalp-left': { x: 50, y: 75, w: 30, h: 60, short: 'M-L' },
  'midscalp-centre': { x: 80, y: 75, w: 40, h: 60, short: 'M-C' },
  'midscalp-right': { x: 120, y: 75, w: 30, h: 60, short: 'M-R' },
  'right-temple': { x: 150, y: 75, w: 30, h: 60, short: 'RT' },
  vertex: { x: 20, y: 135, w: 160, h: 50, short: 'Vertex' },
  occipital: { x: 20, y: 185, w: 160, h: 45, short: 'Occipital' },
};

const GEOMETRY = Object.fromEntries(
  Object.entries(BOXES).map(([k, b]) => [k, { ...b, tx: b.labelX ?? b.x + b.w / 2 }]),
) as Record<ScalpZone, (typeof BOXES)[ScalpZone] & { tx: number }>;

function fill(volume: number | undefined, max: number, selected: boolean): string {
  if (selected) return '#ffbf47';
  if (!volume) return '#f1f3f4';
  const t = Math.min(1, volume / Math.max(max, 0.1));
  // From the accent's soft tint to a mid teal; dark text stays readable on every step.
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(0xe4, 0x7f)}, ${mix(0xf0, 0xbf)}, ${mix(0xee, 0xb8)})`;
}

export function ScalpDiagram({
  value,
  selected,
  onSelect,
  title = 'Injection map, scalp seen from above, face at the top',
  size = 240,
}: {
  value: InjectionMapValue;
  selected?: ScalpZone | null;
  /** Mouse shortcut to a zone; keyboard and screen-reader users get the same through the labelled inputs. */
  onSelect?: (zone: ScalpZone) => void;
  title?: string;
  size?: number;
}) {
  const max = Math.max(0, ...Object.values(value).map((v) => v ?? 0));
  const filled = SCALP_ZONES.filter((z) => value[z]);
  const summary = filled.length
    ? `${title}: ${filled.map((z) => `${SCALP_ZONE_LABELS[z]} ${value[z]} mL`).join(', ')}; total ${totalInjectedMl(
        filled.map((z) => ({ volumeMl: value[z]! })),
      )} mL`
    : `${title}: no zones injected`;
  return (
    <svg
      viewBox="0 0 200 250"
      width={size}
      height={(size * 250) / 200}
      role="img"
      aria-label={summary}
      className="scalp-diagram"
    >
      <defs>
        <clipPath id="scalp-clip">
          <ellipse cx="100" cy="127" rx="80" ry="102" />
        </clipPath>
      </defs>
      <path d="M90 27 L100 8 L110 27 Z" fill="#d9dedf" />
      <ellipse cx="17" cy="125" rx="7" ry="18" fill="#d9dedf" />
      <ellipse cx="183" cy="125" rx="7" ry="18" fill="#d9dedf" />
      <g clipPath="url(#scalp-clip)">
        {SCALP_ZONES.map((zone) => {
          const g = GEOMETRY[zone];
          const v = value[zone];
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: mouse shortcut only; the zone inputs are the accessible control
            <g
              key={zone}
              data-zone={zone}
              onClick={onSelect ? () => onSelect(zone) : undefined}
              style={onSelect ? { cursor: 'pointer' } : undefined}
            >
              <title>{`${SCALP_ZONE_LABELS[zone]}: ${v ? `${v} mL` : 'none'}`}</title>
              <rect
                x={g.x}
                y={g.y}
                width={g.w}
                height={g.h}
                fill={fill(v, max, selected === zone)}
                stroke="#fff"
                strokeWidth="2"
              />
              <text
                x={g.tx}
                y={g.y + g.h / 2 - (v ? 4 : -4)}
                textAnchor="middle"
                fontSize="10"
                fill="#1d2327"
              >
                {g.short}
              </text>
              {v ? (
                <text
                  x={g.tx}
                  y={g.y + g.h / 2 + 10}
                  textAnchor="middle"
                  fontSize={g.w < 40 ? 8 : 10}
                  fontWeight="700"
                  fill="#1d2327"
                >
                  {g.w < 40 ? v : `${v} mL`}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
      <ellipse cx="100" cy="127" rx="80" ry="102" fill="none" stroke="#4f5a61" strokeWidth="2" />
      <text x="6" y="245" fontSize="10" fill="#4f5a61">
        L
      </text>
      <text x="188" y="245" fontSize="10" fill="#4f5a61">
        R
      </text>
    </svg>
  );
}

/** The map as the API stores it: zones with a positive volume, in diagram order. */
export function toInjectionMap(value: InjectionMapValue): { zone: ScalpZone; volumeMl: number }[] {
  return SCALP_ZONES.filter((z) => (value[z] ?? 0) > 0).map((zone) => ({ zone, volumeMl: value[zone]! }));
}

export function fromInjectionMap(map: { zone: ScalpZone; volumeMl: number }[]): InjectionMapValue {
  return Object.fromEntries(map.map((m) => [m.zone, m.volumeMl]));
}
