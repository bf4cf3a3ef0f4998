import { describe, expect, it } from 'vitest';
import { activeContraindicationCodes } from './active-codes';
import { likelyStage } from './likely-stage';
import { likelyHairLossType } from './likely-type';
import { findRedFlags, type RedFlagCode } from './red-flags';
import { computeSaltScore, SALT_WEIGHTS, saltBand } from './salt';
import {
  type AssessmentInput,
  type AssessmentInputRaw,
  AssessmentInputSchema,
  assessmentFieldErrors,
} from './schema';

/** A 35-year-old man with Norwood III-vertex loss, no symptoms, no medicines. */
const BASE: AssessmentInputRaw = {
  sex: 'male',
  age: 35,
  onset: 'receding-hairline-or-crown',
  durationMonths: 36,
  familyHistory: 'yes',
  scale: { system: 'norwood', stage: 'III-vertex' },
};
const input = (o: Partial<AssessmentInputRaw> = {}): AssessmentInput =>
  AssessmentInputSchema.parse({ ...BASE, ...o });

describe('AssessmentInputSchema', () => {
  it('accepts a complete answer and applies defaults', () => {
    const a = input();
    expect(a.conditions).toEqual([]);
    expect(a.monthlyBudgetCents).toBeNull();
  });

  it.each<[string, Partial<AssessmentInputRaw> & Record<string, unknown>, string]>([
    ['a negative age', { age: -1 }, 'age'],
    ['age over 120', { age: 121 }, 'age'],
    ['fractional age', { age: 30.5 }, 'age'],
    ['unknown Norwood stage', { scale: { system: 'norwood', stage: 'VIII' as 'I' } }, 'scale.stage'],
    ['unknown scale', { scale: { system: 'savin' } as never }, 'scale.system'],
    ['Sinclair 6', { scale: { system: 'sinclair', stage: 6 as 5 } }, 'scale.stage'],
    [
      'SALT region over 100',
      { onset: 'patches', scale: { system: 'salt', top: 101, back: 0, left: 0, right: 0 } },
      'scale.top',
    ],
    ['pregnancy with sex male', { conditions: ['pregnancy'] }, 'conditions'],
    [
      'pregnancy with "could become pregnant: no"',
      { sex: 'female', pregnancyPotential: 'no', conditions: ['pregnancy'] },
      'conditions',
    ],
    ['breastfeeding with sex male', { conditions: ['breastfeeding'] }, 'conditions'],
    ['planning pregnancy with sex male', { conditions: ['planning-pregnancy'] }, 'conditions'],
    ['after-pregnancy onset with sex male', { onset: 'after-pregnancy' }, 'onset'],
    [
      'SALT for a pattern that is not patchy',
      { scale: { system: 'salt', top: 10, back: 0, left: 0, right: 0 } },
      'scale.system',
    ],
    ['a pattern scale for patchy loss', { onset: 'patches' }, 'scale.system'],
    ['duration longer than life', { age: 20, durationMonths: 241 }, 'durationMonths'],
    [
      'the same prior treatment twice',
      {
        priorTreatments: [
          { slug: 'prp', effect: 'helped' },
          { slug: 'prp', effect: 'worse' },
        ],
      },
      'priorTreatments.1.slug',
    ],
    ['unknown symptom', { scalpSymptoms: ['tingling' as 'itch'] }, 'scalpSymptoms.0'],
    ['negative budget', { monthlyBudgetCents: -1 }, 'monthlyBudgetCents'],
    ['an unknown field', { colour: 'brown' }, '_'],
  ])('rejects %s with an issue on the field', (_name, patch, field) => {
    const r = AssessmentInputSchema.safeParse({ ...BASE, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(assessmentFieldErrors(r.error))).toContain(field);
  });

  it('accepts pregnancy answers for a woman and SALT for patches', () => {
    expect(
      AssessmentInputSchema.safeParse({ ...BASE, sex: 'female', conditions: ['pregnancy'] }).success,
    ).toBe(true);
    expect(
      AssessmentInputSchema.safeParse({
        ...BASE,
        onset: 'patches',
        scale: { system: 'salt', top: 1, back: 2, left: 3, right: 4 },
      }).success,
    ).toBe(true);
  });

  it('believes a man who says he could become pregnant, and accepts a child under 12', () => {
    const r = AssessmentInputSchema.safeParse({
      ...BASE,
      pregnancyPotential: 'yes',
      conditions: ['planning-pregnancy'],
      onset: 'after-pregnancy',
    });
    expect(r.success).toBe(true);
    expect(AssessmentInputSchema.safeParse({ ...BASE, age: 8, durationMonths: 6 }).success).toBe(true);
    expect(AssessmentInputSchema.safeParse({ ...BASE, age: 0, durationMonths: 0 }).success).toBe(true);
  });
});

describe('SALT score', () => {
  it('uses region weights that add up to the whole scalp', () => {
    expect(Object.values(SALT_WEIGHTS).reduce((x, y) => x + y, 0)).toBe(100);
  });
  it.each([
    [{ top: 0, back: 0, left: 0, right: 0 }, 0, 'S0'],
    [{ top: 100, back: 0, left: 0, right: 0 }, 40, 'S2'],
    [{ top: 0, back: 100, left: 0, right: 0 }, 24, 'S1'],
    [{ top: 0, back: 0, left: 100, right: 100 }, 36, 'S2'],
    [{ top: 50, back: 50, left: 50, right: 50 }, 50, 'S3'],
    [{ top: 100, back: 100, left: 100, right: 0 }, 82, 'S4'],
    [{ top: 100, back: 100, left: 100, right: 100 }, 100, 'S5'],
    [{ top: 1, back: 0, left: 0, right: 0 }, 0.4, 'S1'],
    [{ top: 33.3, back: 0, left: 0, right: 0 }, 13.3, 'S1'],
  ])('%o scores %d (%s)', (regions, expected, band) => {
    expect(computeSaltScore(regions)).toBe(expected);
    expect(saltBand(computeSaltScore(regions))).toBe(band);
  });
});

describe('likely type', () => {
  it.each<[Partial<AssessmentInputRaw>, string, string | null]>([
    [{ scalpSymptoms: ['scarring-shiny-patches'] }, 'possible-scarring-alopecia', null],
    [{ onset: 'after-chemotherapy' }, 'chemotherapy-related', null],
    [{ onset: 'patches', scale: null }, 'alopecia-areata', 'alopecia-areata'],
    [{ onset: 'sudden-shedding' }, 'telogen-effluvium', null],
    [{ sex: 'female', onset: 'after-pregnancy' }, 'telogen-effluvium', null],
    [{ onset: 'after-illness' }, 'telogen-effluvium', null],
    [{ onset: 'after-new-medication' }, 'medication-related', null],
    [
      { sex: 'female', onset: 'gradual-thinning', scale: null },
      'female-pattern-hair-loss',
      'androgenetic-alopecia',
    ],
    [{}, 'male-pattern-hair-loss', 'androgenetic-alopecia'],
    [{ onset: 'diffuse-thinning' }, 'unclear', null],
    [{ sex: 'other' }, 'male-pattern-hair-loss', 'androgenetic-alopecia'],
    [
      { sex: 'other', scale: { system: 'ludwig', stage: 'II' } },
      'female-pattern-hair-loss',
      'androgenetic-alopecia',
    ],
    [
      { sex: 'other', scale: { system: 'sinclair', stage: 2 } },
      'female-pattern-hair-loss',
      'androgenetic-alopecia',
    ],
    [{ sex: 'other', scale: null }, 'unclear', null],
  ])('%o → %s', (patch, code, condition) => {
    const t = likelyHairLossType(input(patch));
    expect(t.code).toBe(code);
    expect(t.condition).toBe(condition);
    expect(t.label).toMatch(/likely|possibly|not clear/i);
  });
});

describe('likely stage', () => {
  it.each([
    [{ system: 'norwood', stage: 'I' }, 'I', 'mild'],
    [{ system: 'norwood', stage: 'III-vertex' }, 'III-vertex', 'moderate'],
    [{ system: 'norwood', stage: 'Va' }, 'Va', 'advanced'],
    [{ system: 'ludwig', stage: 'I' }, 'I', 'mild'],
    [{ system: 'ludwig', stage: 'II' }, 'II', 'moderate'],
    [{ system: 'ludwig', stage: 'III' }, 'III', 'advanced'],
    [{ system: 'sinclair', stage: 2 }, '2', 'mild'],
    [{ system: 'sinclair', stage: 3 }, '3', 'moderate'],
    [{ system: 'sinclair', stage: 5 }, '5', 'advanced'],
    [{ system: 'salt', top: 10, back: 10, left: 10, right: 10 }, 'S1', 'mild'],
    [{ system: 'salt', top: 50, back: 30, left: 20, right: 20 }, 'S2', 'moderate'],
    [{ system: 'salt', top: 100, back: 100, left: 0, right: 0 }, 'S3', 'advanced'],
  ] as const)('%o → %s, %s', (scale, stage, severity) => {
    const s = likelyStage(scale);
    expect(s?.stage).toBe(stage);
    expect(s?.severity).toBe(severity);
  });
  it('reports the SALT score and is null without a scale', () => {
    expect(likelyStage({ system: 'salt', top: 50, back: 50, left: 0, right: 0 })?.saltScore).toBe(32);
    expect(likelyStage(null)).toBeNull();
  });
});

describe('red flags', () => {
  const flags = (patch: Partial<AssessmentInputRaw>) => {
    const a = input(patch);
    return findRedFlags(a, likelyHairLossType(a), likelyStage(a.scale)).map((f) => f.code);
  };
  it('finds none for typical pattern hair loss', () => expect(flags({})).toEqual([]));
  it.each<[Partial<AssessmentInputRaw>, RedFlagCode]>([
    [{ scalpSymptoms: ['scarring-shiny-patches'] }, 'scarring-signs'],
    [{ scalpSymptoms: ['pustules'] }, 'inflamed-scalp'],
    [{ scalpSymptoms: ['redness'] }, 'inflamed-scalp'],
    [{ conditions: ['active-scalp-infection'] }, 'inflamed-scalp'],
    [{ scalpSymptoms: ['pain'] }, 'scalp-pain-or-burning'],
    [{ scalpSymptoms: ['burning'] }, 'scalp-pain-or-burning'],
    [{ scalpSymptoms: ['itch'] }, 'itchy-or-scaly-scalp'],
    [{ scalpSymptoms: ['scaling'] }, 'itchy-or-scaly-scalp'],
    [{ onset: 'sudden-shedding' }, 'sudden-shedding'],
    [{ sex: 'female', onset: 'after-pregnancy' }, 'sudden-shedding'],
    [{ onset: 'after-illness' }, 'sudden-shedding'],
    [{ onset: 'after-chemotherapy' }, 'medicine-or-chemotherapy'],
    [{ onset: 'after-new-medication' }, 'medicine-or-chemotherapy'],
    [{ onset: 'patches', scale: null }, 'patchy-loss'],
    [{ otherSymptoms: ['nail-pitting'] }, 'patchy-loss'],
    [{ age: 17, durationMonths: 12 }, 'under-18'],
    [{ otherSymptoms: ['fever'] }, 'systemic-symptoms'],
    [{ otherSymptoms: ['weight-change'] }, 'systemic-symptoms'],
    [{ sex: 'female', otherSymptoms: ['irregular-periods'] }, 'hormonal-signs'],
    [{ sex: 'other', otherSymptoms: ['new-acne-or-body-hair'] }, 'hormonal-signs'],
    [{ otherSymptoms: ['eyebrow-or-eyelash-loss'] }, 'eyebrow-or-eyelash-loss'],
    [{ otherSymptoms: ['hair-pulling'] }, 'hair-pulling-or-distress'],
    [{ otherSymptoms: ['significant-distress'] }, 'hair-pulling-or-distress'],
    [{ sex: 'female', conditions: ['pregnancy'] }, 'pregnancy-or-breastfeeding'],
    [{ sex: 'female', conditions: ['breastfeeding'] }, 'pregnancy-or-breastfeeding'],
    [{ conditions: ['active-cancer'] }, 'active-cancer'],
    [{ onset: 'diffuse-thinning' }, 'atypical-pattern'],
    [{ age: 22, durationMonths: 10, scale: { system: 'norwood', stage: 'V' } }, 'rapid-early-loss'],
  ])('%o raises %s', (patch, code) => {
    expect(flags(patch)).toContain(code);
  });
  it.each<[string, Partial<AssessmentInputRaw>]>([
    ['a man with irregular-periods answer', { otherSymptoms: ['irregular-periods'] }],
    ['rapid loss at 25', { age: 25, durationMonths: 10, scale: { system: 'norwood', stage: 'V' } }],
    ['loss over more than a year', { age: 22, durationMonths: 13, scale: { system: 'norwood', stage: 'V' } }],
    [
      'an early stage at a young age',
      { age: 22, durationMonths: 10, scale: { system: 'norwood', stage: 'III' } },
    ],
  ])('raises nothing for %s', (_n, patch) => {
    expect(flags(patch)).toEqual([]);
  });
});

describe('active contraindication codes', () => {
  it.each<[Partial<AssessmentInputRaw>, string, boolean]>([
    [{ age: 17, durationMonths: 12 }, 'under-18', true],
    [{}, 'under-18', false],
    [{ sex: 'female', age: 40 }, 'could-become-pregnant', true],
    [{ sex: 'female', age: 60 }, 'could-become-pregnant', false],
    [{}, 'could-become-pregnant', false],
    [{ scalpSymptoms: ['pustules'] }, 'scalp-inflammation', true],
    [{ scalpSymptoms: ['scarring-shiny-patches'] }, 'scarring-alopecia', true],
    [{ onset: 'sudden-shedding' }, 'unstable-hair-loss', true],
    [{}, 'unstable-hair-loss', false],
    [{ conditions: ['anticoagulants'] }, 'anticoagulants', true],
    [{ sex: 'female', age: 40, pregnancyPotential: 'no' }, 'could-become-pregnant', false],
    [{ sex: 'female', age: 60, pregnancyPotential: 'yes' }, 'could-become-pregnant', true],
    [{ sex: 'other' }, 'could-become-pregnant', true],
    [{ sex: 'other', pregnancyPotential: 'no' }, 'could-become-pregnant', false],
    [{ pregnancyPotential: 'yes' }, 'could-become-pregnant', true],
    [{ pregnancyPotential: 'unsure' }, 'could-become-pregnant', true],
    [{ pregnancyPotential: 'no' }, 'could-become-pregnant', false],
    [{ sex: 'female', age: 60, conditions: ['planning-pregnancy'] }, 'could-become-pregnant', true],
  ])('%o → %s is %s', (patch, code, expected) => {
    expect(activeContraindicationCodes(input(patch)).has(code as never)).toBe(expected);
  });
});
