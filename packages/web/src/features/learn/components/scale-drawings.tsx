// Our own simplified top-down drawings of the hair-loss scales (front of the head at the top).
// They are illustrations to help people place themselves, not clinical reference images.

const HAIR = '#4a3b30';
const SKIN = '#f1d9c4';
const THIN = '#b58f72';

function Head({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <svg
      viewBox="0 0 100 110"
      width="96"
      height="106"
      aria-hidden="true"
      focusable="false"
      className="scale-svg"
    >
      <defs>
        <clipPath id={`clip-${id}`}>
          <ellipse cx="50" cy="56" rx="36" ry="44" />
        </clipPath>
      </defs>
      <ellipse cx="12" cy="60" rx="5" ry="9" fill={SKIN} stroke="#8a6f5c" />
      <ellipse cx="88" cy="60" rx="5" ry="9" fill={SKIN} stroke="#8a6f5c" />
      <path d="M45 13 L50 4 L55 13 Z" fill={SKIN} stroke="#8a6f5c" />
      <ellipse cx="50" cy="56" rx="36" ry="44" fill={HAIR} />
      <g clipPath={`url(#clip-${id})`}>{children}</g>
      <ellipse cx="50" cy="56" rx="36" ry="44" fill="none" stroke="#5b4a3d" strokeWidth="1.5" />
    </svg>
  );
}

/** Hairline y at the sides, at the temples and in the middle, and the crown's bald radius. */
const NORWOOD: Record<string, [number, number, number, number]> = {
  I: [20, 21, 19, 0],
  II: [21, 29, 21, 0],
  IIa: [23, 29, 29, 0],
  III: [23, 39, 25, 0],
  IIIa: [25, 41, 41, 0],
  'III-vertex': [23, 37, 25, 9],
  IV: [25, 43, 31, 12],
  IVa: [27, 50, 51, 0],
  V: [27, 49, 38, 16],
  Va: [29, 56, 58, 14],
  VI: [31, 62, 64, 19],
  VII: [35, 72, 74, 25],
};

export function NorwoodDrawing({ stage }: { stage: string }) {
  const [side, temple, mid, crown] = NORWOOD[stage] ?? NORWOOD.I!;
  const between = (temple + mid) / 2;
  const front = `M0 0 H100 V${side} L74 ${side} L68 ${temple} L59 ${between} L50 ${mid} L41 ${between} L32 ${temple} L26 ${side} L0 ${side} Z`;
  const bridge = stage === 'VI' || stage === 'VII';
  return (
    <Head id={`nw-${stage}`}>
      <path d={front} fill={SKIN} strokeLinejoin="round" />
      {crown > 0 && <circle cx="50" cy="64" r={crown} fill={SKIN} />}
      {bridge && (
        <rect x={50 - crown * 0.8} y={mid - 4} width={crown * 1.6} height={64 - mid + 4} fill={SKIN} />
      )}
    </Head>
  );
}

/** Ludwig: the frontal hairline stays; the crown thins diffusely. */
const LUDWIG: Record<string, [number, number]> = { I: [14, 0.35], II: [20, 0.6], III: [25, 0.9] };

export function LudwigDrawing({ stage }: { stage: string }) {
  const [r, opacity] = LUDWIG[stage] ?? LUDWIG.I!;
  return (
    <Head id={`lw-${stage}`}>
      <path d="M0 0 H100 V20 H0 Z" fill={SKIN} />
      <ellipse cx="50" cy="52" rx={r} ry={r * 1.3} fill={SKIN} opacity={opacity} />
      <line x1="50" y1="21" x2="50" y2="85" stroke={SKIN} strokeWidth="1.2" />
    </Head>
  );
}

/** Sinclair: the centre parting widens and thinning spreads to either side of it. */
const SINCLAIR: Record<number, [number, number, number]> = {
  1: [1.2, 0, 0],
  2: [4, 0, 0],
  3: [5, 10, 0.45],
  4: [7, 17, 0.65],
  5: [9, 24, 0.9],
};

export function SinclairDrawing({ stage }: { stage: number }) {
  const [part, spread, opacity] = SINCLAIR[stage] ?? SINCLAIR[1]!;
  return (
    <Head id={`sc-${stage}`}>
      <path d="M0 0 H100 V20 H0 Z" fill={SKIN} />
      {spread > 0 && <ellipse cx="50" cy="50" rx={spread} ry={spread * 1.5} fill={THIN} opacity={opacity} />}
      {spread > 0 && (
        <ellipse cx="50" cy="50" rx={spread * 0.6} ry={spread * 1.2} fill={SKIN} opacity={opacity} />
      )}
      <rect x={50 - part / 2} y="21" width={part} height="62" rx={part / 2} fill={SKIN} />
    </Head>
  );
}

export type SaltRegion = 'top' | 'back' | 'left' | 'right';

/** SALT regions seen from above: top 40 %, back 24 %, each side 18 %; shading shows the share lost. */
export function SaltDrawing({
  values,
  highlight,
}: {
  values: Record<SaltRegion, number>;
  highlight?: SaltRegion | undefined;
}) {
  const shade = (r: SaltRegion) => ({
    fill: SKIN,
    opacity: Math.min(1, Math.max(0, values[r] / 100)),
  });
  const outline = (r: SaltRegion) => ({
    fill: 'none',
    stroke: highlight === r ? '#ffbf47' : '#f4efe9',
    strokeWidth: highlight === r ? 3 : 1.2,
    strokeDasharray: highlight === r ? undefined : '3 2',
  });
  const regions: Record<SaltRegion, string> = {
    top: 'M28 20 Q50 8 72 20 L72 68 Q50 74 28 68 Z',
    back: 'M20 74 Q50 84 80 74 L86 110 H14 Z',
    left: 'M0 0 H28 L28 70 L18 76 L0 76 Z',
    right: 'M72 0 H100 V76 L82 76 L72 70 Z',
  };
  return (
    <Head id="salt">
      {(Object.keys(regions) as SaltRegion[]).map((r) => (
        <g key={r}>
          <path d={regions[r]} {...shade(r)} />
          <path d={regions[r]} {...outline(r)} />
        </g>
      ))}
      <text x="50" y="46" textAnchor="middle" fontSize="8" fill="#fff">
        Top
      </text>
      <text x="50" y="94" textAnchor="middle" fontSize="8" fill="#fff">
        Back
      </text>
      <text x="17" y="50" textAnchor="middle" fontSize="7" fill="#fff">
        L
      </text>
      <text x="83" y="50" textAnchor="middle" fontSize="7" fill="#fff">
        R
      </text>
    </Head>
  );
}
