import { CONTRAINDICATION_LABELS, type ContraindicationCode } from '../evidence/codes';
import type { EvidenceGrade } from '../evidence/schema';
import type { LikelyStage } from './likely-stage';
import type { LikelyType } from './likely-type';
import type { AssessmentInput } from './schema';
import { firstYearMonthlyCostCents, type TreatmentFacts } from './treatment-facts';

export interface RankedOption {
  slug: string;
  name: string;
  /** 0–100; higher fits the answers better. Compare within one result only. */
  fitScore: number;
  /** The main reasons in one sentence-separated string, for display. */
  reason: string;
  reasons: string[];
  evidenceGrade: EvidenceGrade;
  regulatoryStatus: TreatmentFacts['regulatory']['status'];
}

/** Starting points by certainty of evidence; everything else adjusts from here. */
const GRADE_BASE: Record<EvidenceGrade, number> = { high: 70, moderate: 55, low: 35, 'very-low': 15 };
const GRADE_TEXT: Record<EvidenceGrade, string> = {
  high: 'Evidence of high certainty from large randomised trials.',
  moderate: 'Evidence of moderate certainty.',
  low: 'Evidence of low certainty: small or inconsistent trials.',
  'very-low': 'Evidence of very low certainty: mostly small uncontrolled or laboratory studies.',
};
const PROCEDURE_CATEGORIES = new Set(['procedure', 'surgery', 'regenerative-cells']);
/**
 * 5-alpha-reductase inhibitors: they can harm a male fetus. Kept here as well as in each entry's
 * contraindications so that an entry missing the code can still never be ranked for someone who
 * may become pregnant.
 */
export const FIVE_ALPHA_REDUCTASE_INHIBITORS: ReadonlySet<string> = new Set([
  'finasteride',
  'dutasteride',
  'topical-finasteride',
]);

/** Why a treatment was left out of the ranking, when it was. */
export function exclusionReason(
  t: TreatmentFacts,
  a: AssessmentInput,
  active: ReadonlySet<ContraindicationCode>,
): string | null {
  if (a.sex !== 'other' && !t.suitability.sexes.includes(a.sex))
    return `${t.shortName} is not used for your sex.`;
  if (a.age < t.suitability.minAge) return `${t.shortName} is not for your age group.`;
  if (FIVE_ALPHA_REDUCTASE_INHIBITORS.has(t.slug) && active.has('could-become-pregnant'))
    return `${t.shortName} can harm an unborn baby and is not used by anyone who could become pregnant.`;
  const absolute = t.contraindications.find((c) => c.severity === 'absolute' && active.has(c.code));
  return absolute
    ? `${t.shortName} is not suitable with: ${CONTRAINDICATION_LABELS[absolute.code].toLowerCase()}.`
    : null;
}

/**
 * Scores one treatment for one person. The weights are a transparent heuristic: evidence first,
 * then stage, what the person already tried, their goals, cautions and budget.
 */
export function scoreOption(
  t: TreatmentFacts,
  a: AssessmentInput,
  stage: LikelyStage | null,
  active: ReadonlySet<ContraindicationCode>,
): RankedOption {
  const reasons = [GRADE_TEXT[t.evidenceGrade.grade]];
  let score = GRADE_BASE[t.evidenceGrade.grade];
  const adjust = (delta: number, why: string) => {
    score += delta;
    reasons.push(why);
  };
  if (t.regulatory.status === 'fda-approved') adjust(5, 'FDA-approved for this use.');
  if (t.regulatory.status === 'unapproved-drug-biologic')
    adjust(-10, 'Not FDA-approved; the FDA regards such products as unapproved outside clinical trials.');
  if (a.sex === 'other' && t.suitability.sexes.length === 1)
    adjust(
      -10,
      `Studied in ${t.suitability.sexes[0] === 'male' ? 'men' : 'women'}; ask whether it applies to you.`,
    );

  const severity = stage?.severity;
  if (t.category === 'surgery') {
    if (severity === 'mild')
      adjust(-25, 'Surgery is usually considered once loss is stable and more visible.');
    if (severity === 'advanced')
      adjust(
        10,
        'A transplant moves hair from the back of the head; it adds no new hair. At an advanced stage the donor area may not be enough to cover the whole bald area, so it may rebuild only part of it, such as the front. Ask how many grafts your donor area allows.',
      );
  } else if (severity === 'advanced') {
    adjust(
      t.category === 'medication' ? -10 : -15,
      'Less regrowth is expected at an advanced stage; it may mainly protect the hair you have.',
    );
  }

  const prior = a.priorTreatments.find((p) => p.slug === t.slug);
  if (prior?.effect === 'helped') adjust(10, 'You said it helped you before.');
  if (prior?.effect === 'no-change') adjust(-20, 'You said it did not help you before.');
  if (prior?.effect === 'worse' || prior?.effect === 'side-effects')
    adjust(-30, 'You had a bad experience with it before.');
  if (prior?.effect === 'too-early-to-tell')
    reasons.push('You have started it recently; most treatments need months to judge.');

  const goals = new Set(a.goals);
  if (goals.has('avoid-daily-medication') && t.schedule.mode === 'daily')
    adjust(-20, 'It needs daily use, which you would like to avoid.');
  if (goals.has('avoid-procedures') && PROCEDURE_CATEGORIES.has(t.category))
    adjust(-20, 'It is a procedure, which you would like to avoid.');
  if (goals.has('restore-hairline') && t.category === 'surgery')
    adjust(15, 'It is the option that can rebuild a hairline.');
  if (goals.has('slow-loss') && t.category === 'medication')
    adjust(5, 'Medicines like this one mainly slow further loss.');

  for (const c of t.contraindications)
    if (c.severity === 'caution' && active.has(c.code))
      adjust(-15, `Needs caution with: ${CONTRAINDICATION_LABELS[c.code].toLowerCase()}.`);

  const monthly = firstYearMonthlyCostCents(t);
  if (a.monthlyBudgetCents !== null && monthly !== null && monthly > a.monthlyBudgetCents)
    adjust(-15, 'Its lowest published price is likely above your monthly budget in the first year.');

  const fitScore = Math.max(0, Math.min(100, Math.round(score)));
  return {
    slug: t.slug,
    name: t.name,
    fitScore,
    reason: reasons.join(' '),
    reasons,
    evidenceGrade: t.evidenceGrade.grade,
    regulatoryStatus: t.regulatory.status,
  };
}

const GRADE_ORDER: Record<EvidenceGrade, number> = { high: 0, moderate: 1, low: 2, 'very-low': 3 };

/** Eligible treatments for the likely condition, best fit first (ties: stronger evidence, then slug). */
export function rankOptions(
  treatments: readonly TreatmentFacts[],
  a: AssessmentInput,
  type: LikelyType,
  stage: LikelyStage | null,
  active: ReadonlySet<ContraindicationCode>,
): RankedOption[] {
  const condition = type.condition;
  if (!condition) return [];
  return treatments
    .filter((t) => t.conditions.includes(condition) && exclusionReason(t, a, active) === null)
    .map((t) => scoreOption(t, a, stage, active))
    .sort(
      (x, y) =>
        y.fitScore - x.fitScore ||
        GRADE_ORDER[x.evidenceGrade] - GRADE_ORDER[y.evidenceGrade] ||
        x.slug.localeCompare(y.slug),
    );
}
