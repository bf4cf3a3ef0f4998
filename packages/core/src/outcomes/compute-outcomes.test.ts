import { describe, expect, it } from 'vitest';
import { computeOutcomes, MONTH_MS, type OutcomeMeasurement, type OutcomePatient } from './compute-outcomes';
import { sideEffectRates } from './side-effect-rates';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 15);
const NOW = START + 13 * MONTH_MS + 60 * DAY; // every 12-month window has closed

const m = (
  monthsAfter: number,
  density: number,
  extra: Partial<OutcomeMeasurement> = {},
): OutcomeMeasurement => ({
  site: 'vertex-centre',
  takenAt: START + monthsAfter * MONTH_MS,
  densityPerCm2: density,
  meanDiameterUm: 60,
  densityUncertainty: 3,
  diameterUncertainty: 4,
  unusable: null,
  ...extra,
});

const patient = (id: string, measurements: OutcomeMeasurement[], lastContactAt = NOW - 10 * DAY) => ({
  patientId: id,
  startAt: START,
  lastContactAt,
  measurements,
});

/** Six evaluable patients with 3-month changes −2, 4, 6, 10, 12, 30 (combined u = 3√2 ≈ 4.24). */
const EVALUABLE: OutcomePatient[] = [-2, 4, 6, 10, 12, 30].map((d, i) =>
  patient(`p${i}`, [m(-0.2, 100), m(3, 100 + d), ...(i < 2 ? [m(12, 100 + 2 * d)] : [])]),
);

describe('computeOutcomes', () => {
  const figures = computeOutcomes(
    [
      ...EVALUABLE,
      patient('no-baseline', [m(3, 120)]),
      patient('flagged-baseline', [m(0, 90, { unusable: 'flagged-by-quality-check' }), m(3, 95)]),
      patient('clinical-photo-only', [m(0, 90, { unusable: 'not-standardized' })]),
      // Baseline fine, 3-month image flagged: counted as excluded at 3 months only.
      patient('flagged-follow-up', [m(0, 100), m(3.2, 140, { unusable: 'flagged-by-quality-check' })]),
      // A different scalp site at 3 months does not count as a follow-up of the vertex.
      patient('other-site', [m(0, 100), m(3, 150, { site: 'frontal' })], START + 4 * MONTH_MS),
    ],
    NOW,
  );

  it('counts started, completed, in and lost to follow-up', () => {
    expect(figures.patients).toMatchObject({
      started: 11,
      completedFollowUp: 2, // p0 and p1 were measured at 12 months
      inFollowUp: 0, // every 12-month window has closed
      lostToFollowUp: 9,
    });
  });

  it('excludes patients without a usable baseline, each with its reason', () => {
    expect(figures.patients.excluded).toEqual([
      { reason: 'baseline-flagged-by-quality-check', count: 1 },
      { reason: 'baseline-not-standardized', count: 1 },
      { reason: 'no-baseline-measurement', count: 1 },
    ]);
  });

  it('gives median, quartiles and an order-statistic interval at 3 months', () => {
    const three = figures.density[0]!;
    expect(three.month).toBe(3);
    expect(three.n).toBe(6);
    expect(three.changes).toEqual([-2, 4, 6, 10, 12, 30]);
    expect(three.median).toBe(8); // (6 + 10) / 2
    expect(three.q1).toBe(4.5); // h = 1.25: 4 + 0.25·2
    expect(three.q3).toBe(11.5); // h = 3.75: 10 + 0.75·2
    expect(three.ci95).toEqual([-2, 30]); // six values: only min..max reaches 95 %
    expect(three.ciCoverage).toBe(0.9688);
    expect(three.excluded).toEqual([{ reason: 'flagged-by-quality-check', count: 1 }]);
    expect(three.missing).toBe(1); // other-site: no vertex measurement in the window
  });

  it('counts responders beyond twice the combined uncertainty (2·3√2 ≈ 8.49)', () => {
    // 10, 12 and 30 exceed 8.49; −2 does not fall below −8.49.
    expect(figures.density[0]!.responders).toEqual({ n: 6, count: 3, share: 0.5, worse: 0 });
    // Latest time point: p0 (−4 at 12 months) and p1 (+8) replace their 3-month values.
    expect(figures.responders).toEqual({ n: 6, count: 3, share: 0.5, worse: 0 });
  });

  it('gives no share and no interval from fewer than five patients', () => {
    const twelve = figures.density[2]!;
    expect(twelve).toMatchObject({ n: 2, median: 2, ci95: null, ciCoverage: null });
    expect(twelve.responders).toEqual({ n: 2, count: 0, share: null, worse: 0 });
    expect(figures.density[1]).toMatchObject({ n: 0, median: null, q1: null, ci95: null });
  });

  it('reports diameter change beside density', () => {
    expect(figures.diameter[0]).toMatchObject({ n: 6, median: 0, changes: [0, 0, 0, 0, 0, 0] });
  });

  it('keeps a recent patient in follow-up while the windows are open', () => {
    const recent = computeOutcomes([patient('new', [m(0, 100)], START + 30 * DAY)], START + 60 * DAY);
    expect(recent.patients).toMatchObject({ started: 1, inFollowUp: 1, lostToFollowUp: 0 });
    expect(recent.density[0]).toMatchObject({ n: 0, missing: 0 });
  });
});

describe('sideEffectRates', () => {
  it('gives reports per 100 sessions by severity band', () => {
    expect(sideEffectRates(40, [1, 2, 5, 9], 8)).toEqual({
      sessions: 40,
      reports: 4,
      per100Sessions: 10,
      bySeverity: [
        { severity: 'mild', reports: 2, per100Sessions: 5 },
        { severity: 'moderate', reports: 1, per100Sessions: 2.5 },
        { severity: 'severe', reports: 1, per100Sessions: 2.5 },
      ],
    });
  });
  it('gives no rate from fewer than five patients or without sessions', () => {
    expect(sideEffectRates(12, [3], 4).per100Sessions).toBeNull();
    expect(sideEffectRates(0, [], 9).per100Sessions).toBeNull();
  });
});

import { summarisePatientReported } from './patient-reported';

describe('summarisePatientReported', () => {
  it('counts each answer and the share moderately or much better', () => {
    expect(summarisePatientReported(6, [3, -1, 0, 2, 1])).toEqual({
      month: 6,
      n: 5,
      median: 1,
      counts: [0, 0, 1, 1, 1, 1, 1],
      betterShare: 0.4,
    });
    expect(summarisePatientReported(3, [2, 2]).betterShare).toBeNull();
  });
});
