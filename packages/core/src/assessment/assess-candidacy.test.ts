import { describe, expect, it } from 'vitest';
import { assessCandidacy } from './assess-candidacy';
import { type AssessmentInputRaw, AssessmentInputSchema } from './schema';
import { TEST_TREATMENTS } from './test-treatments';

const BASE: AssessmentInputRaw = {
  sex: 'male',
  age: 35,
  onset: 'receding-hairline-or-crown',
  durationMonths: 36,
  familyHistory: 'no',
  scale: { system: 'norwood', stage: 'III-vertex' },
};
const assess = (o: Partial<AssessmentInputRaw> = {}) =>
  assessCandidacy(AssessmentInputSchema.parse({ ...BASE, ...o }), TEST_TREATMENTS);
const option = (slug: string, o: Partial<AssessmentInputRaw> = {}) =>
  assess(o).options.find((x) => x.slug === slug);
const delta = (slug: string, o: Partial<AssessmentInputRaw>, base: Partial<AssessmentInputRaw> = {}) =>
  (option(slug, o)?.fitScore ?? Number.NaN) - (option(slug, base)?.fitScore ?? Number.NaN);

describe('assessCandidacy: journeys', () => {
  it('ranks finasteride and minoxidil first for a Norwood III-vertex man of 35 on no medicine', () => {
    const r = assess();
    expect(r.seePhysicianFirst).toBe(false);
    expect(r.likelyType.code).toBe('male-pattern-hair-loss');
    expect(r.likelyStage).toMatchObject({ system: 'norwood', stage: 'III-vertex', severity: 'moderate' });
    expect(
      r.options
        .slice(0, 2)
        .map((o) => o.slug)
        .sort(),
    ).toEqual(['finasteride', 'topical-minoxidil']);
    expect(r.options[0]?.evidenceGrade).toBe('high');
    expect(r.options.at(-1)?.slug).toBe('exosomes');
    expect(r.options.map((o) => o.slug)).not.toContain('corticosteroid-injections');
    expect(r.contraindications).toEqual({});
    for (const o of r.options) expect(o.reason.length).toBeGreaterThan(10);
  });

  it('sends someone with scarring patches to a physician and ranks nothing', () => {
    const r = assess({ scalpSymptoms: ['scarring-shiny-patches'] });
    expect(r.seePhysicianFirst).toBe(true);
    expect(r.options).toEqual([]);
    expect(r.redFlags.map((f) => f.code)).toContain('scarring-signs');
    expect(r.questionsToAsk.join(' ')).toMatch(/biopsy/);
    expect(r.contraindications['hair-transplant']?.map((c) => c.code)).toContain('scarring-alopecia');
  });

  it('marks PRP as contraindicated with anticoagulants and leaves it out of the ranking', () => {
    const r = assess({ conditions: ['anticoagulants'] });
    expect(r.contraindications.prp).toEqual([
      expect.objectContaining({ code: 'anticoagulants', severity: 'absolute' }),
    ]);
    expect(r.options.map((o) => o.slug)).not.toContain('prp');
    expect(r.options.length).toBeGreaterThan(0);
    expect(r.bringToConsultation.join(' ')).toMatch(/blood thinner/);
  });

  it('marks finasteride, dutasteride and both minoxidils as contraindicated in pregnancy', () => {
    const r = assess({
      sex: 'female',
      age: 31,
      onset: 'gradual-thinning',
      scale: { system: 'ludwig', stage: 'I' },
      conditions: ['pregnancy'],
    });
    for (const slug of ['finasteride', 'dutasteride', 'topical-minoxidil', 'oral-minoxidil'])
      expect(r.contraindications[slug]?.map((c) => c.code)).toContain('pregnancy');
    expect(r.seePhysicianFirst).toBe(true);
    expect(r.options).toEqual([]);
  });

  it('leaves out treatments labelled only for men when a woman answers', () => {
    const r = assess({
      sex: 'female',
      age: 62,
      onset: 'gradual-thinning',
      scale: { system: 'ludwig', stage: 'II' },
    });
    const slugs = r.options.map((o) => o.slug);
    expect(slugs).not.toContain('finasteride');
    expect(slugs).not.toContain('dutasteride');
    expect(slugs[0]).toBe('topical-minoxidil');
  });

  it('keeps men-only treatments for sex "other" who cannot become pregnant, but says to ask', () => {
    const o = option('finasteride', { sex: 'other', pregnancyPotential: 'no' });
    expect(o?.reason).toMatch(/Studied in men/);
    expect(delta('finasteride', { sex: 'other', pregnancyPotential: 'no' })).toBe(-10);
  });

  it.each<[string, Partial<AssessmentInputRaw>]>([
    ['sex "other" who did not answer', { sex: 'other' }],
    ['sex "other" who is not sure', { sex: 'other', pregnancyPotential: 'unsure' }],
    ['sex "other" who could become pregnant', { sex: 'other', pregnancyPotential: 'yes' }],
    ['a man who could become pregnant', { pregnancyPotential: 'yes' }],
    ['a man who is not sure', { pregnancyPotential: 'unsure' }],
  ])('never ranks finasteride or dutasteride for %s', (_n, patch) => {
    const r = assess(patch);
    expect(r.seePhysicianFirst).toBe(false);
    const slugs = r.options.map((o) => o.slug);
    expect(slugs).not.toContain('finasteride');
    expect(slugs).not.toContain('dutasteride');
    expect(slugs).toContain('topical-minoxidil');
    expect(r.contraindications.finasteride?.map((c) => c.code)).toContain('could-become-pregnant');
  });

  it('never ranks a 5-ARI for someone who may become pregnant, even if its entry lacks the code', () => {
    const bare = TEST_TREATMENTS.map((t) =>
      t.slug === 'finasteride'
        ? {
            ...t,
            contraindications: [],
            suitability: { sexes: ['female' as const, 'male' as const], minAge: 18 },
          }
        : t,
    );
    const r = assessCandidacy(AssessmentInputSchema.parse({ ...BASE, pregnancyPotential: 'unsure' }), bare);
    expect(r.options.map((o) => o.slug)).not.toContain('finasteride');
    const men = assessCandidacy(AssessmentInputSchema.parse({ ...BASE, pregnancyPotential: 'no' }), bare);
    expect(men.options.map((o) => o.slug)).toContain('finasteride');
  });

  it('ranks finasteride for a man who says he cannot become pregnant, as before', () => {
    expect(option('finasteride', { pregnancyPotential: 'no' })?.fitScore).toBe(
      option('finasteride')?.fitScore,
    );
  });

  it('routes patchy loss with SALT to a physician, with the SALT stage', () => {
    const r = assess({ onset: 'patches', scale: { system: 'salt', top: 50, back: 0, left: 0, right: 0 } });
    expect(r.likelyType.code).toBe('alopecia-areata');
    expect(r.likelyStage).toMatchObject({ saltScore: 20, saltBand: 'S1' });
    expect(r.seePhysicianFirst).toBe(true);
    expect(r.options).toEqual([]);
  });

  it('routes an unclear pattern to a physician', () => {
    const r = assess({ onset: 'diffuse-thinning' });
    expect(r.redFlags.map((f) => f.code)).toEqual(['atypical-pattern']);
    expect(r.options).toEqual([]);
  });

  it('lists under-18 contraindications and asks for a guardian', () => {
    const r = assess({ age: 16, durationMonths: 12 });
    expect(r.contraindications.finasteride?.map((c) => c.code)).toContain('under-18');
    expect(r.bringToConsultation).toContain('A parent or guardian.');
  });

  it('flags a transplant as unsuitable while hair loss is unstable', () => {
    const r = assess({ onset: 'sudden-shedding' });
    expect(r.contraindications['hair-transplant']?.map((c) => c.code)).toEqual(['unstable-hair-loss']);
  });
});

describe('assessCandidacy: scoring rules', () => {
  it.each<[string, string, Partial<AssessmentInputRaw>, number, Partial<AssessmentInputRaw>?]>([
    ['caution contraindication', 'prp', { conditions: ['antiplatelets'] }, -15],
    ['surgery at a mild stage', 'hair-transplant', { scale: { system: 'norwood', stage: 'II' } }, -25],
    ['surgery at an advanced stage', 'hair-transplant', { scale: { system: 'norwood', stage: 'VI' } }, 10],
    ['a medicine at an advanced stage', 'finasteride', { scale: { system: 'norwood', stage: 'VI' } }, -10],
    ['a procedure at an advanced stage', 'prp', { scale: { system: 'norwood', stage: 'VI' } }, -15],
    ['prior treatment helped', 'prp', { priorTreatments: [{ slug: 'prp', effect: 'helped' }] }, 10],
    ['prior treatment did nothing', 'prp', { priorTreatments: [{ slug: 'prp', effect: 'no-change' }] }, -20],
    [
      'prior treatment made it worse',
      'finasteride',
      { priorTreatments: [{ slug: 'finasteride', effect: 'worse' }] },
      -30,
    ],
    [
      'prior side effects',
      'finasteride',
      { priorTreatments: [{ slug: 'finasteride', effect: 'side-effects' }] },
      -30,
    ],
    [
      'started recently',
      'finasteride',
      { priorTreatments: [{ slug: 'finasteride', effect: 'too-early-to-tell' }] },
      0,
    ],
    ['avoiding daily medicine', 'finasteride', { goals: ['avoid-daily-medication'] }, -20],
    ['avoiding procedures', 'prp', { goals: ['avoid-procedures'] }, -20],
    ['avoiding procedures (surgery)', 'hair-transplant', { goals: ['avoid-procedures'] }, -20],
    ['restoring a hairline', 'hair-transplant', { goals: ['restore-hairline'] }, 15],
    ['slowing loss with a medicine', 'finasteride', { goals: ['slow-loss'] }, 5],
    ['slowing loss does not favour procedures', 'prp', { goals: ['slow-loss'] }, 0],
    ['budget below a monthly medicine', 'finasteride', { monthlyBudgetCents: 1000 }, -15],
    ['budget above a monthly medicine', 'finasteride', { monthlyBudgetCents: 5000 }, 0],
    ['budget below PRP sessions averaged over the first year', 'prp', { monthlyBudgetCents: 24_999 }, -15],
    ['budget covering PRP sessions averaged over the first year', 'prp', { monthlyBudgetCents: 25_000 }, 0],
    ['budget with no known price', 'oral-minoxidil', { monthlyBudgetCents: 0 }, 0],
  ])('%s changes the %s score by %d', (_n, slug, patch, expected, base) => {
    expect(delta(slug, patch, base)).toBe(expected);
  });

  it('does not promise full coverage from a transplant at an advanced stage', () => {
    const reason = option('hair-transplant', { scale: { system: 'norwood', stage: 'VII' } })?.reason ?? '';
    expect(reason).toMatch(/adds no new hair/);
    expect(reason).toMatch(/may not be enough to cover the whole bald area/);
    expect(reason).not.toMatch(/restore coverage/);
  });

  it('starts from the evidence grade and approval status', () => {
    expect(option('finasteride')?.fitScore).toBe(75);
    expect(option('oral-minoxidil')?.fitScore).toBe(55);
    expect(option('prp')?.fitScore).toBe(35);
    expect(option('exosomes')?.fitScore).toBe(5);
  });

  it('never scores below zero', () => {
    expect(option('exosomes', { priorTreatments: [{ slug: 'exosomes', effect: 'worse' }] })?.fitScore).toBe(
      0,
    );
  });

  it('orders by score, then stronger evidence, then slug', () => {
    const opts = assess().options;
    for (let i = 1; i < opts.length; i++) {
      const [a, b] = [opts[i - 1]!, opts[i]!];
      expect(a.fitScore).toBeGreaterThanOrEqual(b.fitScore);
    }
    const tied = opts.filter((o) => o.fitScore === 55).map((o) => o.slug);
    expect(tied).toEqual(['dutasteride', 'hair-transplant', 'oral-minoxidil']);
  });
});

describe('assessCandidacy: consultation preparation', () => {
  it('tailors what to bring', () => {
    const r = assess({
      familyHistory: 'yes',
      priorTreatments: [{ slug: 'prp', effect: 'helped' }],
    });
    expect(r.bringToConsultation.join(' ')).toMatch(/treatments you have tried/);
    expect(r.bringToConsultation.join(' ')).toMatch(/parents/);
    expect(assess().bringToConsultation).toHaveLength(3);
  });

  it('asks about PRP preparation, the IND number, donor supply and side effects when those options appear', () => {
    const q = assess({ goals: ['restore-hairline'] }).questionsToAsk.join(' ');
    expect(q).toMatch(/PRP system/);
    expect(q).toMatch(/IND number/);
    expect(q).toMatch(/donor area/);
    expect(q).toMatch(/sexual and mood/);
  });

  it('asks only diagnostic questions when a physician comes first', () => {
    const q = assess({ scalpSymptoms: ['pain'] }).questionsToAsk.join(' ');
    expect(q).toMatch(/causing my hair loss/);
    expect(q).not.toMatch(/PRP|IND/);
  });
});
