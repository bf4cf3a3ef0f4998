import { EVIDENCE_GRADE_LABELS, REGULATORY_STATUS_LABELS } from './display-labels';
import type { EvidenceLibrary, Treatment } from './load-evidence-library';
import type { Effect, PriceRange } from './schema';

/** One column of the `/compare` table, flattened from a treatment entry. */
export interface ComparisonRow {
  slug: string;
  name: string;
  evidenceGrade: Treatment['evidenceGrade']['grade'];
  evidenceGradeLabel: string;
  evidenceReason: string;
  effect: Effect | null;
  scheduleMode: Treatment['schedule']['mode'];
  /** Plain-language schedule (may contain citation markers). */
  schedule: string;
  maintenance: string;
  inductionSessions: number;
  maintenanceSessionsPerYear: number;
  timeToVisibleResultMonths: Treatment['timeToVisibleResultMonths'];
  downtime: string;
  sideEffects: Treatment['sideEffects'];
  regulatoryStatus: Treatment['regulatory']['status'];
  regulatoryLabel: string;
  regulatoryDetail: string;
  regulatoryVerified: boolean;
  priceRange: PriceRange | null;
}

/** Flattens a treatment into the fields the comparison page shows side by side. */
export function toComparisonRow(t: Treatment): ComparisonRow {
  return {
    slug: t.slug,
    name: t.name,
    evidenceGrade: t.evidenceGrade.grade,
    evidenceGradeLabel: EVIDENCE_GRADE_LABELS[t.evidenceGrade.grade],
    evidenceReason: t.evidenceGrade.reason,
    effect: t.effect,
    scheduleMode: t.schedule.mode,
    schedule: t.schedule.description,
    maintenance: t.schedule.maintenance.text,
    inductionSessions: t.schedule.inductionSessions,
    maintenanceSessionsPerYear: t.schedule.maintenance.sessionsPerYear,
    timeToVisibleResultMonths: t.timeToVisibleResultMonths,
    downtime: t.downtime,
    sideEffects: t.sideEffects,
    regulatoryStatus: t.regulatory.status,
    regulatoryLabel: REGULATORY_STATUS_LABELS[t.regulatory.status],
    regulatoryDetail: t.regulatory.label,
    regulatoryVerified: t.regulatory.verified,
    priceRange: t.priceRange,
  };
}

/**
 * Rows for the comparison page, in the order requested. Unknown slugs are skipped; the page allows
 * 2–4 treatments, which the caller enforces.
 */
export function compareTreatments(
  library: Pick<EvidenceLibrary, 'treatments'>,
  slugs: readonly string[],
): ComparisonRow[] {
  const bySlug = new Map(library.treatments.map((t) => [t.slug, t]));
  return slugs.flatMap((s) => {
    const t = bySlug.get(s);
    return t ? [toComparisonRow(t)] : [];
  });
}

/** A treatment by slug, or undefined. */
export function findTreatment(
  library: Pick<EvidenceLibrary, 'treatments'>,
  slug: string,
): Treatment | undefined {
  return library.treatments.find((t) => t.slug === slug);
}

const UNIT_WORDS: Record<Effect['unit'], string> = {
  'percent-change-hair-count': '% change in hair count',
  'hairs-per-cm2': 'hairs/cm²',
  'percent-responders': '% of people responding',
  smd: 'standardised mean difference',
};

/**
 * Why two published effects cannot be set side by side as if they measured the same thing; empty
 * when unit, basis (change from baseline or difference versus control) and duration all match.
 * Even then they come from different trials, which the page says once for every figure.
 */
export function effectMismatches(a: Effect | null, b: Effect | null): string[] {
  if (!a || !b) return ['no figure to compare'];
  const out: string[] = [];
  if (a.unit !== b.unit) out.push(`different measures (${UNIT_WORDS[a.unit]} vs ${UNIT_WORDS[b.unit]})`);
  if (a.comparison !== b.comparison)
    out.push('one is a change from baseline, the other a difference from a control group');
  if (a.weeks === null || b.weeks === null) out.push('duration not stated for a pooled result');
  else if (a.weeks !== b.weeks) out.push(`different durations (${a.weeks} vs ${b.weeks} weeks)`);
  return out;
}

/** For each selected row, the other rows whose effect figure it cannot be compared with, and why. */
export function effectComparability(
  rows: readonly Pick<ComparisonRow, 'slug' | 'name' | 'effect'>[],
): Map<string, { name: string; reasons: string[] }[]> {
  return new Map(
    rows.map((r) => [
      r.slug,
      rows
        .filter((o) => o.slug !== r.slug)
        .map((o) => ({ name: o.name, reasons: effectMismatches(r.effect, o.effect) }))
        .filter((x) => x.reasons.length > 0),
    ]),
  );
}
