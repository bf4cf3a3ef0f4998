import type { ProgressPoint, ReferenceBand, SiteSeries } from '@anagen/core/contracts';
import type { MeasurementTable } from './measurements.table';
import { siteBand } from './reference-bands';
import { measurementUncertainty } from './uncertainty';

const MONTH_MS = 30.4375 * 86_400_000;
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export const monthsBetween = (from: number, to: number) => round((to - from) / MONTH_MS, 1);

/**
 * The value that counts for each automatic measurement: the latest clinician review if there is
 * one — a typed correction or a hair-by-hair verification, whichever came last — else the
 * automatic value. Rows stay in the database either way; `source` says which one counts.
 */
export function effectiveMeasurements(
  rows: readonly MeasurementTable[],
): (MeasurementTable & { corrected: boolean })[] {
  const latestReview = new Map<string, MeasurementTable>();
  for (const r of rows) {
    if (r.source === 'auto' || !r.corrects_id) continue;
    const prev = latestReview.get(r.corrects_id);
    if (!prev || Number(r.created_at) >= Number(prev.created_at)) latestReview.set(r.corrects_id, r);
  }
  return rows
    .filter((r) => r.source === 'auto')
    .map((r) => {
      const c = latestReview.get(r.id);
      return c ? { ...c, id: r.id, corrected: true } : { ...r, corrected: false };
    });
}

/** The engine's own expected count error for the image (engine 0.4.0 on), when it gave one. */
export function qualityExpectedError(json: string | null): number | undefined {
  if (!json) return undefined;
  try {
    const q = JSON.parse(json) as { expectedError?: unknown };
    return typeof q.expectedError === 'number' && Number.isFinite(q.expectedError)
      ? q.expectedError
      : undefined;
  } catch {
    return undefined;
  }
}

function qualityIssues(json: string | null): string[] {
  if (!json) return [];
  try {
    const q = JSON.parse(json) as { issues?: unknown };
    return Array.isArray(q.issues) ? q.issues.map(String) : [];
  } catch {
    return [];
  }
}

const change = (value: number, base: number) => ({
  abs: round(value - base, 3),
  pct: base === 0 ? null : round(((value - base) / base) * 100, 1),
});

/**
 * Per-site series (oldest first) with change from the site's first measurement, uncertainty, and
 * the reference bands anchored on that baseline. Pure: rows in, series out.
 */
export function buildSiteSeries(
  rows: readonly MeasurementTable[],
  bands: readonly ReferenceBand[],
): SiteSeries[] {
  const bySite = new Map<string, ReturnType<typeof effectiveMeasurements>>();
  for (const m of effectiveMeasurements(rows)) {
    const list = bySite.get(m.site) ?? [];
    list.push(m);
    bySite.set(m.site, list);
  }
  return [...bySite.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([site, list]) => {
      list.sort(
        (a, b) => Number(a.taken_at) - Number(b.taken_at) || Number(a.created_at) - Number(b.created_at),
      );
      const base = list[0]!;
      const points = list.map(
        (m): ProgressPoint => ({
          measurementId: m.id,
          photoId: m.photo_id,
          takenAt: new Date(Number(m.taken_at)).toISOString(),
          monthsSinceBaseline: monthsBetween(Number(base.taken_at), Number(m.taken_at)),
          corrected: m.corrected,
          source: m.source,
          qualityIssues: qualityIssues(m.quality_json),
          hairCount: Number(m.hair_count),
          densityPerCm2: Number(m.density_per_cm2),
          meanDiameterUm: Number(m.mean_diameter_um),
          vellusRatio: Number(m.vellus_ratio),
          uncertainty: measurementUncertainty({
            hairCount: Number(m.hair_count),
            areaCm2: Number(m.area_cm2),
            densityPerCm2: Number(m.density_per_cm2),
            vellusRatio: Number(m.vellus_ratio),
            corrected: m.corrected,
            expectedError: qualityExpectedError(m.quality_json),
          }),
          change: {
            densityPerCm2: change(Number(m.density_per_cm2), Number(base.density_per_cm2)),
            meanDiameterUm: change(Number(m.mean_diameter_um), Number(base.mean_diameter_um)),
            vellusRatio: change(Number(m.vellus_ratio), Number(base.vellus_ratio)),
          },
        }),
      );
      return {
        site,
        points,
        bands: bands.map((b) => siteBand(b, Number(base.density_per_cm2))).filter((b) => b !== null),
      };
    });
}
