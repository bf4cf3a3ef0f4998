import { MIN_PATIENTS_FOR_SHARE, medianInterval, quantileSorted, shareOrNull, sortedAsc } from './statistics';

const DAY_MS = 86_400_000;
/** An average month: 365.25 / 12 days. */
export const MONTH_MS = 30.4375 * DAY_MS;
/** Follow-up time points, in months after the plan's start. */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
/** A follow-up measurement counts for month m when taken within ± this of start + m months. */
export const FOLLOW_UP_WINDOW_MS = 42 * DAY_MS;
/** A baseline is the usable measurement closest to the start, from 90 days before to 14 days after. */
export const BASELINE_BEFORE_MS = 90 * DAY_MS;
export const BASELINE_AFTER_MS = 14 * DAY_MS;
/** Without a visit or measurement for this long, a patient who has not finished follow-up is lost to it. */
export const LOST_AFTER_MS = 182 * DAY_MS;
/** A change counts as real when it exceeds this many combined standard uncertainties (k = 2, ≈ 95 %). */
export const RESPONDER_COVERAGE_FACTOR = 2;

export type UnusableReason = 'not-standardized' | 'flagged-by-quality-check';

export interface OutcomeMeasurement {
  site: string;
  /** Epoch ms. */
  takenAt: number;
  densityPerCm2: number;
  meanDiameterUm: number;
  /** One standard uncertainty of this measurement's density, hairs/cm² (see measurements/uncertainty). */
  densityUncertainty: number;
  /** One standard uncertainty of the mean diameter, µm. */
  diameterUncertainty: number;
  /** Why this measurement may not count (null when it may): standardized images only. */
  unusable: UnusableReason | null;
}

export interface OutcomePatient {
  patientId: string;
  /** Epoch ms: the plan's first session (or its start when none is recorded yet). */
  startAt: number;
  /** Epoch ms of the latest session or measurement; null when none. */
  lastContactAt: number | null;
  /**
   * Epoch ms of the latest measurement of any kind, when `measurements` holds only those in the
   * baseline and follow-up windows (as the server reads them); else taken from `measurements`.
   */
  lastMeasurementAt?: number | null;
  measurements: readonly OutcomeMeasurement[];
}

export type BaselineExclusion =
  | 'no-baseline-measurement'
  | 'baseline-not-standardized'
  | 'baseline-flagged-by-quality-check';

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface ChangeSummary {
  month: number;
  /** Patients with a usable baseline and a usable measurement at the same site in this window. */
  n: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  /** Order-statistic interval of the median; null from fewer than 5 patients. */
  ci95: [number, number] | null;
  /** The interval's exact coverage (≥ 0.95 from 6 patients; 0.9375 at exactly 5). */
  ciCoverage: number | null;
  /** Every patient's change, ascending (the distribution, for charts). */
  changes: number[];
  responders: { n: number; count: number; share: number | null; worse: number };
  /** Patients with a baseline whose measurement in this window could not count, by reason. */
  excluded: ReasonCount[];
  /** Patients with a baseline whose window has closed without any measurement at that site. */
  missing: number;
}

export interface OutcomeFigures {
  patients: {
    started: number;
    inFollowUp: number;
    completedFollowUp: number;
    lostToFollowUp: number;
    excluded: ReasonCount[];
  };
  density: ChangeSummary[];
  diameter: ChangeSummary[];
  /** At each patient's latest evaluated time point (12, else 6, else 3 months). */
  responders: { n: number; count: number; share: number | null; worse: number };
}

interface Pick {
  m: OutcomeMeasurement;
}

const closest = (list: readonly OutcomeMeasurement[], target: number) =>
  list.reduce<OutcomeMeasurement | undefined>(
    (best, m) => (!best || Math.abs(m.takenAt - target) < Math.abs(best.takenAt - target) ? m : best),
    undefined,
  );

/** The baseline (usable measurement closest to the start) or the reason there is none. */
export function findBaseline(p: OutcomePatient): Pick | { excluded: BaselineExclusion } {
  const inWindow = p.measurements.filter(
    (m) => m.takenAt >= p.startAt - BASELINE_BEFORE_MS && m.takenAt <= p.startAt + BASELINE_AFTER_MS,
  );
  if (inWindow.length === 0) return { excluded: 'no-baseline-measurement' };
  const usable = inWindow.filter((m) => m.unusable === null);
  const m = closest(usable, p.startAt);
  if (m) return { m };
  return {
    excluded: inWindow.some((x) => x.unusable === 'flagged-by-quality-check')
      ? 'baseline-flagged-by-quality-check'
      : 'baseline-not-standardized',
  };
}

type FollowUp =
  | { kind: 'measured'; m: OutcomeMeasurement }
  | { kind: 'unusable'; reason: UnusableReason }
  | { kind: 'none' };

function followUpAt(p: OutcomePatient, site: string, month: number): FollowUp {
  const target = p.startAt + month * MONTH_MS;
  const inWindow = p.measurements.filter(
    (m) => m.site === site && Math.abs(m.takenAt - target) <= FOLLOW_UP_WINDOW_MS,
  );
  const m = closest(
    inWindow.filter((x) => x.unusable === null),
    target,
  );
  if (m) return { kind: 'measured', m };
  const flagged = inWindow.find((x) => x.unusable !== null);
  if (flagged) return { kind: 'unusable', reason: flagged.unusable! };
  return { kind: 'none' };
}

function countReasons(reasons: readonly string[]): ReasonCount[] {
  const map = new Map<string, number>();
  for (const r of reasons) map.set(r, (map.get(r) ?? 0) + 1);
  return [...map.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** One patient's change at one time point and its combined standard uncertainty. */
export interface PatientChange {
  change: number;
  uncertainty: number;
}

/**
 * A follow-up time point of one patient: the change measured, the reason the window's images could
 * not count, or nothing in the window ('none': missing or not yet due, which the report's date
 * decides).
 */
export type FollowUpOutcome =
  | { kind: 'measured'; density: PatientChange; diameter: PatientChange }
  | { kind: 'unusable'; reason: UnusableReason }
  | { kind: 'none' };

/**
 * Everything one patient contributes to the figures, and nothing that depends on the date of the
 * report: what can be decided once, when the patient's measurements or plans change, and stored.
 */
export interface PatientOutcome {
  startAt: number;
  lastContactAt: number | null;
  lastMeasurementAt: number | null;
  /** Why the patient has no usable baseline, or null when they have one. */
  baselineExcluded: BaselineExclusion | null;
  /** One per FOLLOW_UP_MONTHS, in that order; empty without a baseline. */
  followUps: FollowUpOutcome[];
}

function classify(c: PatientChange): 'better' | 'worse' | 'unclear' {
  const limit = RESPONDER_COVERAGE_FACTOR * c.uncertainty;
  return c.change > limit ? 'better' : c.change < -limit ? 'worse' : 'unclear';
}

function responderSummary(list: readonly PatientChange[]) {
  const kinds = list.map(classify);
  const count = kinds.filter((k) => k === 'better').length;
  return {
    n: list.length,
    count,
    share: shareOrNull(count, list.length),
    worse: kinds.filter((k) => k === 'worse').length,
  };
}

const round = (v: number | null, digits: number) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function summarise(
  month: number,
  list: readonly PatientChange[],
  excluded: readonly string[],
  missing: number,
): ChangeSummary {
  const sorted = sortedAsc(list.map((c) => c.change));
  const ci = list.length >= MIN_PATIENTS_FOR_SHARE ? medianInterval(sorted) : null;
  return {
    month,
    n: sorted.length,
    median: round(quantileSorted(sorted, 0.5), 2),
    q1: round(quantileSorted(sorted, 0.25), 2),
    q3: round(quantileSorted(sorted, 0.75), 2),
    ci95: ci ? [round(ci.lo, 2)!, round(ci.hi, 2)!] : null,
    ciCoverage: ci ? round(ci.coverage, 4) : null,
    changes: sorted.map((v) => round(v, 2)!),
    responders: responderSummary(list),
    excluded: countReasons(excluded),
    missing,
  };
}

function followUpStatus(p: PatientOutcome, now: number): 'in' | 'completed' | 'lost' {
  const twelveOpens = p.startAt + 12 * MONTH_MS - FOLLOW_UP_WINDOW_MS;
  const lastMeasured = p.lastMeasurementAt;
  if (lastMeasured !== null && lastMeasured >= twelveOpens) return 'completed';
  const twelveCloses = p.startAt + 12 * MONTH_MS + FOLLOW_UP_WINDOW_MS;
  const last = p.lastContactAt ?? p.startAt;
  return now > twelveCloses || now - last > LOST_AFTER_MS ? 'lost' : 'in';
}

/**
 * One patient's baseline, follow-ups and changes (see computeOutcomes), independent of the date of
 * the report. The measurements are read in the order given: between equally close measurements the
 * first one counts.
 */
export function evaluateOutcomePatient(p: OutcomePatient): PatientOutcome {
  const lastMeasurementAt =
    p.lastMeasurementAt !== undefined
      ? p.lastMeasurementAt
      : p.measurements.reduce<number | null>(
          (max, m) => (max === null || m.takenAt > max ? m.takenAt : max),
          null,
        );
  const out: PatientOutcome = {
    startAt: p.startAt,
    lastContactAt: p.lastContactAt,
    lastMeasurementAt,
    baselineExcluded: null,
    followUps: [],
  };
  const base = findBaseline(p);
  if ('excluded' in base) {
    out.baselineExcluded = base.excluded;
    return out;
  }
  for (const month of FOLLOW_UP_MONTHS) {
    const f = followUpAt(p, base.m.site, month);
    out.followUps.push(
      f.kind === 'measured'
        ? {
            kind: 'measured',
            density: {
              change: f.m.densityPerCm2 - base.m.densityPerCm2,
              uncertainty: Math.hypot(f.m.densityUncertainty, base.m.densityUncertainty),
            },
            diameter: {
              change: f.m.meanDiameterUm - base.m.meanDiameterUm,
              uncertainty: Math.hypot(f.m.diameterUncertainty, base.m.diameterUncertainty),
            },
          }
        : f,
    );
  }
  return out;
}

/**
 * Outcome figures for one treatment's patients: who started, stayed and was lost; the change in
 * density and mean diameter at 3, 6 and 12 months at the baseline's own scalp site, from
 * standardized, unflagged images only; and responders (a change beyond twice the combined standard
 * uncertainty of the two measurements). `now` decides which windows have closed.
 */
export function computeOutcomes(patients: readonly OutcomePatient[], now: number): OutcomeFigures {
  return summariseOutcomes(patients.map(evaluateOutcomePatient), now);
}

/**
 * The figures of computeOutcomes from each patient's evaluation (evaluateOutcomePatient), so that
 * evaluations stored when a patient's data change give the same figures as measurements read now.
 */
export function summariseOutcomes(patients: readonly PatientOutcome[], now: number): OutcomeFigures {
  const status = patients.map((p) => followUpStatus(p, now));
  const baselineExcluded: string[] = [];
  const perMonth = FOLLOW_UP_MONTHS.map(() => ({
    density: [] as PatientChange[],
    diameter: [] as PatientChange[],
    excluded: [] as string[],
    missing: 0,
  }));
  const latest: PatientChange[] = [];
  for (const p of patients) {
    if (p.baselineExcluded !== null) {
      baselineExcluded.push(p.baselineExcluded);
      continue;
    }
    let last: PatientChange | null = null;
    for (const [i, month] of FOLLOW_UP_MONTHS.entries()) {
      const slot = perMonth[i]!;
      const f = p.followUps[i] ?? { kind: 'none' };
      if (f.kind === 'unusable') slot.excluded.push(f.reason);
      else if (f.kind === 'measured') {
        slot.density.push(f.density);
        slot.diameter.push(f.diameter);
        last = f.density;
      } else if (p.startAt + month * MONTH_MS + FOLLOW_UP_WINDOW_MS < now) slot.missing++;
    }
    if (last) latest.push(last);
  }
  return {
    patients: {
      started: patients.length,
      inFollowUp: status.filter((s) => s === 'in').length,
      completedFollowUp: status.filter((s) => s === 'completed').length,
      lostToFollowUp: status.filter((s) => s === 'lost').length,
      excluded: countReasons(baselineExcluded),
    },
    density: FOLLOW_UP_MONTHS.map((m, i) =>
      summarise(m, perMonth[i]!.density, perMonth[i]!.excluded, perMonth[i]!.missing),
    ),
    diameter: FOLLOW_UP_MONTHS.map((m, i) =>
      summarise(m, perMonth[i]!.diameter, perMonth[i]!.excluded, perMonth[i]!.missing),
    ),
    responders: responderSummary(latest),
  };
}
