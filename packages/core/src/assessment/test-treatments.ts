import type { TreatmentEntry } from '../evidence/schema';
import type { TreatmentFacts } from './treatment-facts';

type Overrides = Partial<TreatmentFacts> & Pick<TreatmentFacts, 'slug'>;

/** A treatment with neutral defaults, for tests; override only what a case depends on. */
function makeTreatment(o: Overrides): TreatmentFacts {
  return {
    name: o.slug,
    shortName: o.slug,
    category: 'medication',
    conditions: ['androgenetic-alopecia'],
    suitability: { sexes: ['female', 'male'], minAge: 18 },
    evidenceGrade: { grade: 'moderate', reason: 'test', studyIds: ['x'] },
    regulatory: { status: 'off-label', label: 'test', sourceUrl: 'https://example.org', verified: true },
    schedule: {
      mode: 'daily',
      inductionSessions: 0,
      intervalWeeks: 0,
      description: 'test',
      maintenance: { text: 'test', sessionsPerYear: 0 },
    },
    contraindications: [],
    priceRange: null,
    ...o,
  };
}

type Contra = TreatmentEntry['contraindications'][number];
const absolute = (code: Contra['code']): Contra => ({
  code,
  severity: 'absolute',
  note: 'test',
  verified: true,
});
const caution = (code: Contra['code']): Contra => ({
  code,
  severity: 'caution',
  note: 'test',
  verified: true,
});
const pregnancyCodes = (['pregnancy', 'breastfeeding', 'planning-pregnancy'] as const).map(absolute);
const sessionSchedule = (induction: number, perYear: number): TreatmentFacts['schedule'] => ({
  mode: 'sessions',
  inductionSessions: induction,
  intervalWeeks: 4,
  description: 'test',
  maintenance: { text: 'test', sessionsPerYear: perYear },
});

/** A small catalogue mirroring the shape (not the text) of the real evidence library. */
export const TEST_TREATMENTS: TreatmentFacts[] = [
  makeTreatment({
    slug: 'finasteride',
    suitability: { sexes: ['male'], minAge: 18 },
    evidenceGrade: { grade: 'high', reason: 'test', studyIds: ['x'] },
    regulatory: { status: 'fda-approved', label: 'test', sourceUrl: 'https://example.org', verified: true },
    contraindications: [...pregnancyCodes, absolute('could-become-pregnant'), absolute('under-18')],
    priceRange: {
      minUsd: 15,
      maxUsd: 35,
      per: 'month',
      sourceUrl: 'https://example.org',
      sourceName: 't',
      asOf: '2026-01-01',
      confidence: 'low',
    },
  }),
  makeTreatment({
    slug: 'topical-minoxidil',
    evidenceGrade: { grade: 'high', reason: 'test', studyIds: ['x'] },
    regulatory: { status: 'fda-approved', label: 'not yet verified', verified: false },
    contraindications: [
      ...pregnancyCodes.slice(0, 2),
      caution('scalp-inflammation'),
      caution('heart-disease'),
    ],
  }),
  makeTreatment({
    slug: 'oral-minoxidil',
    contraindications: [
      ...pregnancyCodes.slice(0, 2),
      absolute('heart-disease'),
      absolute('low-blood-pressure'),
    ],
  }),
  makeTreatment({
    slug: 'dutasteride',
    suitability: { sexes: ['male'], minAge: 18 },
    contraindications: [...pregnancyCodes, absolute('could-become-pregnant')],
  }),
  makeTreatment({
    slug: 'prp',
    category: 'procedure',
    evidenceGrade: { grade: 'low', reason: 'test', studyIds: ['x'] },
    schedule: sessionSchedule(3, 3),
    contraindications: [absolute('anticoagulants'), absolute('bleeding-disorder'), caution('antiplatelets')],
    priceRange: {
      minUsd: 500,
      maxUsd: 2000,
      per: 'session',
      sourceUrl: 'https://example.org',
      sourceName: 't',
      asOf: '2026-01-01',
      confidence: 'low',
    },
  }),
  makeTreatment({
    slug: 'hair-transplant',
    category: 'surgery',
    regulatory: {
      status: 'surgical-procedure',
      label: 'test',
      sourceUrl: 'https://example.org',
      verified: true,
    },
    schedule: { ...sessionSchedule(1, 0), mode: 'one-time' },
    contraindications: [absolute('unstable-hair-loss'), absolute('scarring-alopecia')],
  }),
  makeTreatment({
    slug: 'exosomes',
    category: 'regenerative-cell-free',
    evidenceGrade: { grade: 'very-low', reason: 'test', studyIds: ['x'] },
    regulatory: {
      status: 'unapproved-drug-biologic',
      label: 'test',
      sourceUrl: 'https://example.org',
      verified: true,
    },
    schedule: sessionSchedule(1, 0),
  }),
  makeTreatment({
    slug: 'corticosteroid-injections',
    category: 'procedure',
    conditions: ['alopecia-areata'],
  }),
];
