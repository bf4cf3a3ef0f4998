import { TERMINAL_MIN_UM, VELLUS_MAX_UM } from '../hair-analysis/summarize';
import type { AnalyzedHair, HairClass } from '../hair-analysis/types';

/** A hair a clinician added has an emergence point but no measured shaft. */
export type ReviewedHairClass = HairClass | 'unmeasured';

/**
 * One hair of a stored hair list (an automatic measurement's engine hairs, or a verified one's).
 * `x`, `y`: emergence point in image pixels. `tip`: where the engine's traced shaft ends (null for
 * added hairs and for engine hairs whose strand was not traced).
 */
export interface ReviewedHair {
  x: number;
  y: number;
  diameterUm: number | null;
  class: ReviewedHairClass;
  origin: 'engine' | 'added';
  tip: { x: number; y: number } | null;
}

/** The parts of an engine strand trace needed to find a hair's tip (`HairTrace` in hair-analysis). */
export interface TraceLike {
  points: number[];
  counted: boolean;
  emergence: { x: number; y: number } | null;
}

/**
 * The engine's hairs with the tip of the strand each came from: the end of its traced path farther
 * from the emergence point. Hairs of one strand (a follicular unit read as several) share its tip.
 */
export function engineHairsWithTips(
  hairs: readonly AnalyzedHair[],
  traces: readonly TraceLike[],
): ReviewedHair[] {
  const tips = new Map<string, { x: number; y: number }>();
  for (const t of traces) {
    if (!t.counted || !t.emergence || t.points.length < 4) continue;
    const e = t.emergence;
    const n = t.points.length;
    const first = { x: t.points[0]!, y: t.points[1]! };
    const last = { x: t.points[n - 2]!, y: t.points[n - 1]! };
    const far =
      Math.hypot(first.x - e.x, first.y - e.y) > Math.hypot(last.x - e.x, last.y - e.y) ? first : last;
    tips.set(`${Math.round(e.x)},${Math.round(e.y)}`, { x: Math.round(far.x), y: Math.round(far.y) });
  }
  return hairs.map((h) => ({
    x: h.x,
    y: h.y,
    diameterUm: h.diameterUm,
    class: h.class,
    origin: 'engine',
    tip: tips.get(`${Math.round(h.x)},${Math.round(h.y)}`) ?? null,
  }));
}

const key = (p: { x: number; y: number }) => `${Math.round(p.x)},${Math.round(p.y)}`;

/**
 * The verified hair list from the clinician's points: a point on an engine hair's emergence point
 * (same pixel after rounding) keeps that hair with its diameter, class and tip; any other point is
 * an added hair. Engine hairs sharing one point are consumed one per submitted point, so submitting
 * a shared point twice keeps two of its three hairs.
 */
export function reviewHairs(
  engine: readonly ReviewedHair[],
  points: readonly { x: number; y: number }[],
): { hairs: ReviewedHair[]; kept: number; added: number; removed: number } {
  const pool = new Map<string, ReviewedHair[]>();
  for (const h of engine) {
    if (h.origin !== 'engine') continue;
    const list = pool.get(key(h)) ?? [];
    list.push(h);
    pool.set(key(h), list);
  }
  let kept = 0;
  let added = 0;
  const hairs = points.map((p): ReviewedHair => {
    const match = pool.get(key(p))?.shift();
    if (match) {
      kept++;
      return { ...match };
    }
    added++;
    return {
      x: Math.round(p.x),
      y: Math.round(p.y),
      diameterUm: null,
      class: 'unmeasured',
      origin: 'added',
      tip: null,
    };
  });
  const engineCount = engine.filter((h) => h.origin === 'engine').length;
  return { hairs, kept, added, removed: engineCount - kept };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Count, density and diameter figures of a reviewed hair list over the same field (`areaCm2`).
 * Every hair counts for count and density. Diameter figures (mean, vellus and terminal shares) come
 * from the hairs with a measured diameter only: an added hair's width was never measured. Cumulative
 * thickness gives each unmeasured hair the mean measured diameter.
 */
export function summarizeReviewedHairs(
  hairs: readonly ReviewedHair[],
  areaCm2: number,
): {
  hairCount: number;
  densityPerCm2: number;
  meanDiameterUm: number;
  vellusRatio: number;
  terminalRatio: number;
  hairMassPerCm2: number;
} {
  if (!(areaCm2 > 0)) throw new RangeError('areaCm2 must be positive');
  const measured = hairs.flatMap((h) => (h.diameterUm === null ? [] : [h.diameterUm]));
  const sum = measured.reduce((s, d) => s + d, 0);
  const mean = measured.length ? sum / measured.length : 0;
  const share = (f: (d: number) => boolean) =>
    measured.length ? round(measured.filter(f).length / measured.length, 3) : 0;
  return {
    hairCount: hairs.length,
    densityPerCm2: round(hairs.length / areaCm2, 1),
    meanDiameterUm: round(mean, 1),
    vellusRatio: share((d) => d < VELLUS_MAX_UM),
    terminalRatio: share((d) => d >= TERMINAL_MIN_UM),
    hairMassPerCm2: round((sum + (hairs.length - measured.length) * mean) / areaCm2, 0),
  };
}
