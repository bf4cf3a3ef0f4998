import { describe, expect, it } from 'vitest';
import { assessCandidacy } from './assess-candidacy';
import { RED_FLAG_CODES, RED_FLAG_RULES, type RedFlagCode } from './red-flags';
import { type AssessmentInputRaw, AssessmentInputSchema } from './schema';
import { TEST_TREATMENTS } from './test-treatments';

/** A 35-year-old man with Norwood III-vertex loss for three years, no symptoms, no medicines. */
const BASE: AssessmentInputRaw = {
  sex: 'male',
  age: 35,
  pregnancyPotential: 'no',
  onset: 'receding-hairline-or-crown',
  durationMonths: 36,
  familyHistory: 'yes',
  scale: { system: 'norwood', stage: 'III-vertex' },
};
/** The same for a woman of 40 with Ludwig I loss. */
const WOMAN: AssessmentInputRaw = {
  ...BASE,
  sex: 'female',
  age: 40,
  pregnancyPotential: 'yes',
  onset: 'gradual-thinning',
  scale: { system: 'ludwig', stage: 'I' },
};
type Patch = Partial<AssessmentInputRaw>;
const run = (patch: Patch, base: AssessmentInputRaw = BASE) =>
  assessCandidacy(AssessmentInputSchema.parse({ ...base, ...patch }), TEST_TREATMENTS);
const codes = (patch: Patch, base?: AssessmentInputRaw) => run(patch, base).redFlags.map((f) => f.code);

/**
 * Answers that raise each flag, for every rule in RED_FLAG_RULES (the Record type makes a missing
 * rule a compile error). Each answer is applied to BASE, or to WOMAN when marked.
 */
const RAISES: Record<RedFlagCode, [Patch, AssessmentInputRaw?][]> = {
  'scarring-signs': [[{ scalpSymptoms: ['scarring-shiny-patches'] }]],
  'inflamed-scalp': [
    [{ scalpSymptoms: ['pustules'] }],
    [{ scalpSymptoms: ['redness'] }],
    [{ conditions: ['active-scalp-infection'] }],
  ],
  'scalp-pain-or-burning': [[{ scalpSymptoms: ['pain'] }], [{ scalpSymptoms: ['burning'] }]],
  'itchy-or-scaly-scalp': [[{ scalpSymptoms: ['itch'] }], [{ scalpSymptoms: ['scaling'] }]],
  'changing-scalp-lesion': [[{ scalpSymptoms: ['changing-or-bleeding-spot'] }]],
  'sudden-shedding': [
    [{ onset: 'sudden-shedding' }],
    [{ onset: 'after-pregnancy' }, WOMAN],
    [{ onset: 'after-illness' }],
  ],
  'diffuse-thinning-checks': [
    [{ onset: 'diffuse-thinning' }, WOMAN],
    [{ onset: 'diffuse-thinning', scale: null }, WOMAN],
    [{ sex: 'other', onset: 'diffuse-thinning', scale: { system: 'sinclair', stage: 2 } }],
  ],
  'medicine-or-chemotherapy': [[{ onset: 'after-chemotherapy' }], [{ onset: 'after-new-medication' }]],
  'patchy-loss': [[{ onset: 'patches', scale: null }], [{ otherSymptoms: ['nail-pitting'] }]],
  'child-under-12': [[{ age: 11, durationMonths: 6 }], [{ age: 0, durationMonths: 0 }]],
  'under-18': [[{ age: 12, durationMonths: 6 }], [{ age: 17, durationMonths: 12 }]],
  'systemic-symptoms': [
    [{ otherSymptoms: ['weight-change'] }],
    [{ otherSymptoms: ['fatigue'] }],
    [{ otherSymptoms: ['fever'] }],
    [{ otherSymptoms: ['joint-pain'] }],
    [{ otherSymptoms: ['rash-or-sun-sensitivity'] }],
  ],
  'hormonal-signs': [
    [{ otherSymptoms: ['irregular-periods'] }, WOMAN],
    [{ sex: 'other', otherSymptoms: ['new-acne-or-body-hair'] }],
  ],
  'diet-or-eating-disorder': [[{ otherSymptoms: ['crash-diet-or-eating-disorder'] }]],
  'thyroid-disease': [[{ conditions: ['thyroid-disease'] }]],
  'low-iron': [[{ conditions: ['iron-deficiency'] }]],
  isotretinoin: [[{ conditions: ['isotretinoin'] }]],
  'autoimmune-disease': [[{ conditions: ['autoimmune-disease'] }]],
  'eyebrow-or-eyelash-loss': [[{ otherSymptoms: ['eyebrow-or-eyelash-loss'] }]],
  'hair-pulling-or-distress': [
    [{ otherSymptoms: ['hair-pulling'] }],
    [{ otherSymptoms: ['significant-distress'] }],
  ],
  'pregnancy-or-breastfeeding': [
    [{ conditions: ['pregnancy'] }, WOMAN],
    [{ conditions: ['breastfeeding'] }, WOMAN],
  ],
  'planning-pregnancy': [
    [{ conditions: ['planning-pregnancy'] }, WOMAN],
    [{ pregnancyPotential: 'yes', conditions: ['planning-pregnancy'] }],
  ],
  'active-cancer': [[{ conditions: ['active-cancer'] }]],
  'atypical-pattern': [
    [{ onset: 'diffuse-thinning' }],
    [{ sex: 'other', onset: 'gradual-thinning', scale: null }],
  ],
  'rapid-early-loss': [[{ age: 22, durationMonths: 10, scale: { system: 'norwood', stage: 'V' } }]],
  'rapid-progression': [
    [{ otherSymptoms: ['getting-worse-fast'] }],
    [{ otherSymptoms: ['getting-worse-fast'] }, WOMAN],
    [{ durationMonths: 12, scale: { system: 'ludwig', stage: 'II' } }, WOMAN],
    [{ durationMonths: 6, scale: { system: 'sinclair', stage: 4 } }, WOMAN],
  ],
};

/** Neighbouring answers that must NOT raise the flag (each rule's boundary). */
const SPARES: [string, RedFlagCode, Patch, AssessmentInputRaw?][] = [
  ['a man with an irregular-periods answer', 'hormonal-signs', { otherSymptoms: ['irregular-periods'] }],
  ['a man thinning all over (atypical instead)', 'diffuse-thinning-checks', { onset: 'diffuse-thinning' }],
  ['a woman thinning gradually over the top', 'diffuse-thinning-checks', {}, WOMAN],
  ['age 12', 'child-under-12', { age: 12, durationMonths: 6 }],
  ['age 11 (child, not teenager)', 'under-18', { age: 11, durationMonths: 6 }],
  ['age 18', 'under-18', { age: 18, durationMonths: 6 }],
  [
    'rapid loss at 25',
    'rapid-early-loss',
    { age: 25, durationMonths: 10, scale: { system: 'norwood', stage: 'V' } },
  ],
  [
    'a man over 13 months',
    'rapid-early-loss',
    { age: 22, durationMonths: 13, scale: { system: 'norwood', stage: 'V' } },
  ],
  [
    'Ludwig II over 13 months',
    'rapid-progression',
    { durationMonths: 13, scale: { system: 'ludwig', stage: 'II' } },
    WOMAN,
  ],
  ['Ludwig I within 6 months', 'rapid-progression', { durationMonths: 6 }, WOMAN],
  ['a Norwood stage within 6 months', 'rapid-progression', { durationMonths: 6 }],
  ['pregnancy potential alone', 'planning-pregnancy', { pregnancyPotential: 'yes' }],
  [
    'planning a pregnancy is not "pregnant"',
    'pregnancy-or-breastfeeding',
    { conditions: ['planning-pregnancy'] },
    WOMAN,
  ],
];

describe('red-flag rules (docs/clinical-rules.md, assessment table)', () => {
  it('has one rule per code, each with a source and a description', () => {
    expect(RED_FLAG_RULES.map((r) => r.code).sort()).toEqual([...RED_FLAG_CODES].sort());
    for (const r of RED_FLAG_RULES) {
      expect(r.when.length).toBeGreaterThan(5);
      expect(r.source.length).toBeGreaterThan(5);
    }
  });

  const rows = RED_FLAG_RULES.flatMap((r) =>
    RAISES[r.code].map(([patch, base], i) => [r.code, i, patch, base] as const),
  );
  it.each(rows)(
    '%s (answer %i) is raised, sends to a physician first and ranks nothing',
    (code, _i, patch, base) => {
      const r = run(patch, base);
      expect(r.redFlags.map((f) => f.code)).toContain(code);
      expect(r.seePhysicianFirst).toBe(true);
      expect(r.options).toEqual([]);
      expect(r.redFlags.find((f) => f.code === code)?.message.length).toBeGreaterThan(20);
    },
  );

  it.each(SPARES)('%s does not raise %s', (_n, code, patch, base) => {
    expect(codes(patch, base)).not.toContain(code);
  });

  it('raises nothing for typical pattern loss in a man or a woman', () => {
    expect(codes({})).toEqual([]);
    expect(codes({}, WOMAN)).toEqual([]);
  });
});

describe('red-flag rules: combinations', () => {
  it('reports every flag that applies, in rule order, with no duplicates', () => {
    const got = codes(
      {
        onset: 'diffuse-thinning',
        scale: null,
        conditions: ['thyroid-disease', 'iron-deficiency', 'isotretinoin', 'autoimmune-disease'],
        otherSymptoms: ['crash-diet-or-eating-disorder', 'getting-worse-fast'],
        scalpSymptoms: ['changing-or-bleeding-spot'],
      },
      WOMAN,
    );
    expect(got).toEqual([
      'changing-scalp-lesion',
      'diffuse-thinning-checks',
      'diet-or-eating-disorder',
      'thyroid-disease',
      'low-iron',
      'isotretinoin',
      'autoimmune-disease',
      'rapid-progression',
    ]);
    const order = RED_FLAG_RULES.map((r) => r.code);
    expect([...got].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(got);
  });

  it('every pair of condition answers that raise a flag raises both flags', () => {
    const flagged = ['thyroid-disease', 'iron-deficiency', 'isotretinoin', 'autoimmune-disease'] as const;
    const expected = {
      'thyroid-disease': 'thyroid-disease',
      'iron-deficiency': 'low-iron',
      isotretinoin: 'isotretinoin',
      'autoimmune-disease': 'autoimmune-disease',
    } as const;
    for (const a of flagged)
      for (const b of flagged) {
        const got = codes({ conditions: a === b ? [a] : [a, b] });
        expect(got).toContain(expected[a]);
        expect(got).toContain(expected[b]);
      }
  });

  it('a pregnant woman gets the pregnancy flag and every pregnancy contraindication', () => {
    const r = run({ conditions: ['pregnancy', 'thyroid-disease'] }, WOMAN);
    expect(r.redFlags.map((f) => f.code)).toEqual(['thyroid-disease', 'pregnancy-or-breastfeeding']);
    for (const slug of ['finasteride', 'dutasteride'])
      expect(r.contraindications[slug]?.map((c) => c.code)).toEqual(
        expect.arrayContaining(['pregnancy', 'could-become-pregnant']),
      );
  });

  it('a child of 8 is referred with a guardian, not refused, and no treatment is ranked', () => {
    const r = run({ age: 8, durationMonths: 6, onset: 'patches', scale: null });
    expect(r.redFlags.map((f) => f.code)).toEqual(['patchy-loss', 'child-under-12']);
    expect(r.bringToConsultation).toContain('A parent or guardian.');
    expect(r.options).toEqual([]);
  });

  it('diffuse thinning in a woman with low iron asks for the blood results', () => {
    const r = run({ onset: 'diffuse-thinning', conditions: ['iron-deficiency'] }, WOMAN);
    expect(r.likelyType.code).toBe('female-pattern-hair-loss');
    expect(r.redFlags.map((f) => f.code)).toEqual(['diffuse-thinning-checks', 'low-iron']);
    expect(r.bringToConsultation.join(' ')).toMatch(/thyroid and iron/);
    expect(r.redFlags[0]?.message).toMatch(/telogen effluvium/);
  });
});
