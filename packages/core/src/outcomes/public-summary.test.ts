import { describe, expect, it } from 'vitest';
import type { ChangeSummary, Outcomes } from '../contracts/outcomes';
import { toPublicOutcomes } from './public-summary';

const summary = (month: number, changes: number[]): ChangeSummary => ({
  month,
  n: changes.length,
  median: changes[0] ?? null,
  q1: changes[0] ?? null,
  q3: changes[0] ?? null,
  ci95: null,
  ciCoverage: null,
  changes,
  responders: { n: changes.length, count: 0, share: null, worse: 0 },
  excluded: [],
  missing: 0,
});

const staff = {
  treatment: { slug: 'prp', name: 'PRP' },
  filters: { providerId: null, site: null, from: null, to: null },
  patients: { started: 7, inFollowUp: 0, completedFollowUp: 1, lostToFollowUp: 6, excluded: [] },
  density: [summary(3, [1, 2, 3, 4, 5]), summary(12, [20])],
  diameter: [summary(3, [0, 0, 0, 0, 0])],
  responders: { n: 5, count: 1, share: 0.2, worse: 0 },
  sideEffectsPer100Sessions: null,
  sideEffects: { sessions: 0, reports: 0, per100Sessions: null, bySeverity: [] },
  published: { density: null, sideEffects: [] },
  definitions: [{ term: 'Start', text: 'x' }],
  byProvider: [{ providerId: 'p1', name: 'Dr. A', started: 7, density: [] }],
  patientReported: [
    { month: 3, n: 2, median: 1, counts: [0, 0, 0, 0, 1, 1, 0], betterShare: null },
    { month: 6, n: 5, median: 2, counts: [0, 0, 0, 0, 1, 2, 2], betterShare: 0.8 },
  ],
  options: { treatments: [], providers: [{ id: 'p1', name: 'Dr. A' }] },
  computedAt: 1,
} satisfies Outcomes;

describe('toPublicOutcomes', () => {
  const pub = toPublicOutcomes(staff, 'Clinic');
  it('drops each patient’s change, providers and filters', () => {
    expect(Object.keys(pub)).not.toContain('byProvider');
    expect(Object.keys(pub)).not.toContain('options');
    expect(Object.keys(pub)).not.toContain('filters');
    expect(pub.density[0]).not.toHaveProperty('changes');
  });
  it('keeps figures from 5 patients and withholds medians and answer counts under 5', () => {
    const { changes: _, ...three } = staff.density[0]!;
    expect(pub.density[0]).toEqual(three);
    expect(pub.density[1]).toMatchObject({ n: 1, median: null, q1: null, q3: null });
    expect(pub.patientReported[0]).toEqual({ month: 3, n: 2, median: null, counts: [], betterShare: null });
    expect(pub.patientReported[1]).toEqual(staff.patientReported[1]);
    expect(pub.patients).toBe(staff.patients);
  });
});
