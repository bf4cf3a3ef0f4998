import type { Compare } from '@anagen/core/contracts';
import type { PhotoTable } from '../photos/photos.table';
import { effectiveMeasurements, qualityExpectedError } from './build-progress';
import type { MeasurementTable } from './measurements.table';
import { measurementUncertainty } from './uncertainty';

/** The trichoscopy site that belongs to each standard view (same area of the scalp). */
const VIEW_SITE: Record<string, string> = {
  vertex: 'vertex-centre',
  frontal: 'frontal',
  midline: 'midline',
  'left-temple': 'left-temple',
  'right-temple': 'right-temple',
  occipital: 'occipital',
};

// A standard photo and a trichoscopy measurement belong to the same visit within this window.
const SAME_VISIT_MS = 31 * 86_400_000;
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

type Effective = ReturnType<typeof effectiveMeasurements>[number];

function measurementFor(photo: PhotoTable, list: Effective[]): Effective | undefined {
  if (photo.view === 'trichoscopy') return list.find((m) => m.photo_id === photo.id);
  const site = VIEW_SITE[photo.view];
  let best: Effective | undefined;
  for (const m of list) {
    const gap = Math.abs(Number(m.taken_at) - Number(photo.taken_at));
    if (m.site !== site || gap > SAME_VISIT_MS) continue;
    if (!best || gap < Math.abs(Number(best.taken_at) - Number(photo.taken_at))) best = m;
  }
  return best;
}

/**
 * Measurement deltas beneath a before/after pair: the photos' own measurements for trichoscopy,
 * otherwise the same visit's trichoscopy measurement at the matching site. Empty when either side
 * has none (the UI says so rather than inventing a number).
 */
export function compareDeltas(
  rows: readonly MeasurementTable[],
  a: PhotoTable,
  b: PhotoTable,
): Compare['deltas'] {
  const list = effectiveMeasurements(rows);
  const ma = measurementFor(a, list);
  const mb = measurementFor(b, list);
  if (!ma || !mb || ma.site !== mb.site) return [];
  const ua = uncertaintyOf(ma);
  const ub = uncertaintyOf(mb);
  const metrics = [
    [
      'densityPerCm2',
      Number(ma.density_per_cm2),
      Number(mb.density_per_cm2),
      Math.hypot(ua.densityPerCm2, ub.densityPerCm2),
    ],
    [
      'meanDiameterUm',
      Number(ma.mean_diameter_um),
      Number(mb.mean_diameter_um),
      Math.hypot(ua.meanDiameterUm, ub.meanDiameterUm),
    ],
    [
      'vellusRatio',
      Number(ma.vellus_ratio),
      Number(mb.vellus_ratio),
      Math.hypot(ua.vellusRatio, ub.vellusRatio),
    ],
  ] as const;
  return metrics.map(([metric, va, vb, u]) => ({
    site: ma.site,
    metric,
    a: va,
    b: vb,
    abs: round(vb - va, 3),
    pct: va === 0 ? null : round(((vb - va) / va) * 100, 1),
    uncertainty: round(u, 3),
    sources: { a: ma.source, b: mb.source },
  }));
}

function uncertaintyOf(m: Effective) {
  return measurementUncertainty({
    hairCount: Number(m.hair_count),
    areaCm2: Number(m.area_cm2),
    densityPerCm2: Number(m.density_per_cm2),
    vellusRatio: Number(m.vellus_ratio),
    corrected: m.corrected,
    expectedError: qualityExpectedError(m.quality_json),
  });
}
