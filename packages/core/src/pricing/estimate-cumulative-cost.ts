import { type CostEstimateInput, CostEstimateInputSchema, type CostPlan } from './schema';

/** Average Gregorian year and month in days, so sessions spaced in weeks land in the right month. */
const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

export interface PlanCost {
  treatmentSlug: string;
  label?: string;
  /** Cumulative cost in integer cents at the end of each requested year, in the order requested. */
  byYear: { year: number; cents: number }[];
  /** Cumulative cost in integer cents at the end of month 1, 2, … up to the longest requested year. */
  monthlyCumulativeCents: number[];
  /** Clinic sessions within the horizon (induction + maintenance). */
  sessions: number;
}

export interface CostEstimate {
  years: number[];
  horizonMonths: number;
  plans: PlanCost[];
}

/** Day offsets (from the first session, day 0) of every clinic session before `horizonDays`. */
export function sessionDays(plan: CostPlan, horizonDays: number): number[] {
  const days: number[] = [];
  for (let i = 0; i < plan.inductionSessions; i++) {
    const d = i * plan.intervalWeeks * 7;
    if (d < horizonDays) days.push(d);
  }
  if (plan.maintenanceSessionsPerYear > 0) {
    const gap = DAYS_PER_YEAR / plan.maintenanceSessionsPerYear;
    // Maintenance follows the last induction session by one maintenance interval; with no induction
    // course it starts at day 0.
    const first =
      plan.inductionSessions > 0 ? (plan.inductionSessions - 1) * plan.intervalWeeks * 7 + gap : 0;
    for (let d = first; d < horizonDays; d += gap) days.push(d);
  }
  return days;
}

/**
 * Cumulative cost of each plan over time, as an estimate. Sessions are charged on the day they take
 * place (first session at day 0); medicine is charged at the start of each month. All money is integer
 * cents; the input is validated with `CostEstimateInputSchema` (throws ZodError when invalid).
 */
export function estimateCumulativeCost(input: CostEstimateInput): CostEstimate {
  const { plans, years } = CostEstimateInputSchema.parse(input);
  const horizonMonths = Math.max(...years) * 12;
  const horizonDays = horizonMonths * DAYS_PER_MONTH;

  const out = plans.map((plan): PlanCost => {
    const days = sessionDays(plan, horizonDays);
    const monthly: number[] = [];
    let idx = 0;
    let sessionCents = 0;
    for (let m = 1; m <= horizonMonths; m++) {
      const end = m * DAYS_PER_MONTH;
      while (idx < days.length && (days[idx] ?? Number.POSITIVE_INFINITY) < end) {
        sessionCents += plan.pricePerSessionCents;
        idx++;
      }
      monthly.push(sessionCents + m * plan.monthlyMedicationCents);
    }
    return {
      treatmentSlug: plan.treatmentSlug,
      ...(plan.label ? { label: plan.label } : {}),
      byYear: years.map((year) => ({ year, cents: monthly[year * 12 - 1] ?? 0 })),
      monthlyCumulativeCents: monthly,
      sessions: days.length,
    };
  });
  return { years, horizonMonths, plans: out };
}
