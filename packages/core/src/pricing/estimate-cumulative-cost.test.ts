import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { estimateCumulativeCost, sessionDays } from './estimate-cumulative-cost';
import { type CostPlan, parsePriceDefaults, planFromPriceDefault } from './schema';

const prp: CostPlan = {
  treatmentSlug: 'prp',
  inductionSessions: 3,
  intervalWeeks: 4,
  pricePerSessionCents: 100_000,
  maintenanceSessionsPerYear: 3,
  monthlyMedicationCents: 0,
};
const finasteride: CostPlan = {
  treatmentSlug: 'finasteride',
  inductionSessions: 0,
  intervalWeeks: 0,
  pricePerSessionCents: 0,
  maintenanceSessionsPerYear: 0,
  monthlyMedicationCents: 2_500,
};
const transplant: CostPlan = {
  ...finasteride,
  treatmentSlug: 'hair-transplant',
  inductionSessions: 1,
  pricePerSessionCents: 800_000,
  monthlyMedicationCents: 0,
};

const byYear = (plan: CostPlan, years = [1, 3, 5, 10]) =>
  estimateCumulativeCost({ plans: [plan], years }).plans[0]?.byYear.map((y) => y.cents);

describe('estimateCumulativeCost', () => {
  it('charges monthly medicine every month', () => {
    expect(byYear(finasteride)).toEqual([30_000, 90_000, 150_000, 300_000]);
  });

  it('charges a one-off procedure once', () => {
    expect(byYear(transplant)).toEqual([800_000, 800_000, 800_000, 800_000]);
  });

  it('adds maintenance sessions after the induction course', () => {
    // Induction at days 0, 28, 56; maintenance every 121.75 days from day 177.75.
    expect(sessionDays(prp, 365.25)).toEqual([0, 28, 56, 177.75, 299.5]);
    expect(byYear(prp, [1, 3])).toEqual([500_000, 1_100_000]);
  });

  it('starts maintenance at once when there is no induction course', () => {
    const laser = { ...prp, inductionSessions: 0, maintenanceSessionsPerYear: 2 };
    expect(sessionDays(laser, 365.25 * 2)).toEqual([0, 182.625, 365.25, 547.875]);
  });

  it('combines sessions and medicine in one plan', () => {
    expect(byYear({ ...prp, monthlyMedicationCents: 1_000 }, [1])).toEqual([512_000]);
  });

  it('returns a monthly cumulative series that never decreases, ending at the last year', () => {
    const r = estimateCumulativeCost({ plans: [prp, finasteride], years: [10, 1] });
    expect(r.horizonMonths).toBe(120);
    for (const p of r.plans) {
      expect(p.monthlyCumulativeCents).toHaveLength(120);
      for (let i = 1; i < 120; i++)
        expect(p.monthlyCumulativeCents[i]).toBeGreaterThanOrEqual(p.monthlyCumulativeCents[i - 1] ?? 0);
      expect(p.byYear.map((y) => y.year)).toEqual([10, 1]);
      expect(p.byYear[0]?.cents).toBe(p.monthlyCumulativeCents[119]);
      expect(p.monthlyCumulativeCents.every(Number.isInteger)).toBe(true);
    }
    // The first PRP session is paid in month 1, the second (day 28) in month 1 too, the third in month 2.
    expect(r.plans[0]?.monthlyCumulativeCents.slice(0, 3)).toEqual([200_000, 300_000, 300_000]);
  });

  it('defaults to 1, 3, 5 and 10 years', () => {
    expect(estimateCumulativeCost({ plans: [finasteride] }).years).toEqual([1, 3, 5, 10]);
  });

  it.each([
    ['no plans', { plans: [] }],
    ['fractional cents', { plans: [{ ...prp, pricePerSessionCents: 10.5 }] }],
    ['negative price', { plans: [{ ...prp, monthlyMedicationCents: -1 }] }],
    ['year zero', { plans: [prp], years: [0] }],
  ])('rejects %s', (_n, bad) => {
    expect(() => estimateCumulativeCost(bad as never)).toThrow(ZodError);
  });
});

describe('price defaults', () => {
  const d = {
    ...prp,
    basis: 'midpoint of the published range',
    sourceName: 'clinic pages',
    sourceUrl: 'https://example.org',
    asOf: '2026-11-25',
    confidence: 'low',
  };
  it('parses a valid list and turns an entry into a plan', () => {
    const [p] = parsePriceDefaults([d]);
    expect(p && planFromPriceDefault(p)).toEqual(prp);
  });
  it('needs a source unless marked unverified, and one entry per treatment', () => {
    expect(() => parsePriceDefaults([{ ...d, sourceUrl: undefined }])).toThrow(ZodError);
    expect(parsePriceDefaults([{ ...d, sourceUrl: undefined, confidence: 'unverified' }])).toHaveLength(1);
    expect(() => parsePriceDefaults([d, d])).toThrow(ZodError);
    expect(() => parsePriceDefaults([{ ...d, sourceUrl: 'http://example.org' }])).toThrow(ZodError);
  });
});
