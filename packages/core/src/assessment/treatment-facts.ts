import type { TreatmentEntry } from '../evidence/schema';

/**
 * The parts of a treatment entry the assessment reads. Both raw entries and the loader's resolved
 * `Treatment` satisfy it, so callers pass whichever they have.
 */
export type TreatmentFacts = Pick<
  TreatmentEntry,
  | 'slug'
  | 'name'
  | 'shortName'
  | 'category'
  | 'conditions'
  | 'suitability'
  | 'evidenceGrade'
  | 'regulatory'
  | 'schedule'
  | 'contraindications'
  | 'priceRange'
>;

/**
 * Lower-bound average monthly cost in the first year, in US cents, from a treatment's published
 * price range; null when no price is known. Sessions: (induction + maintenance per year) × min ÷ 12;
 * one-off procedures and devices: min ÷ 12.
 */
export function firstYearMonthlyCostCents(t: TreatmentFacts): number | null {
  const p = t.priceRange;
  if (!p) return null;
  const minCents = Math.round(p.minUsd * 100);
  switch (p.per) {
    case 'month':
      return minCents;
    case 'session':
      return Math.round(
        (minCents * (t.schedule.inductionSessions + t.schedule.maintenance.sessionsPerYear)) / 12,
      );
    case 'procedure':
    case 'device':
      return Math.round(minCents / 12);
  }
}
