/**
 * Zones of the top-down scalp diagram used for injection maps. Ids are stable (stored in session
 * records); labels are what staff read.
 */
export const SCALP_ZONES = [
  'frontal-left',
  'frontal-centre',
  'frontal-right',
  'left-temple',
  'right-temple',
  'midscalp-left',
  'midscalp-centre',
  'midscalp-right',
  'vertex',
  'occipital',
] as const;
export type ScalpZone = (typeof SCALP_ZONES)[number];

export const SCALP_ZONE_LABELS: Record<ScalpZone, string> = {
  'frontal-left': 'Frontal, left',
  'frontal-centre': 'Frontal, centre',
  'frontal-right': 'Frontal, right',
  'left-temple': 'Left temple',
  'right-temple': 'Right temple',
  'midscalp-left': 'Mid-scalp, left',
  'midscalp-centre': 'Mid-scalp, centre',
  'midscalp-right': 'Mid-scalp, right',
  vertex: 'Vertex (crown)',
  occipital: 'Occipital (back)',
};

/** Total injected volume of a map, in millilitres, rounded to 0.01 mL to avoid float noise. */
export function totalInjectedMl(map: readonly { volumeMl: number }[]): number {
  return Math.round(map.reduce((sum, z) => sum + z.volumeMl, 0) * 100) / 100;
}
