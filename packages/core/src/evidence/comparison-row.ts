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
