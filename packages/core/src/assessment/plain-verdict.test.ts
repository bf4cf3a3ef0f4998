import { describe, expect, it } from 'vitest';
import { assessCandidacy } from './assess-candidacy';
import { choicesThatApply, plainVerdict } from './plain-verdict';
import {
  type AssessmentInputRaw,
  AssessmentInputSchema,
  HEALTH_CONDITIONS,
  ONSETS,
  OTHER_SYMPTOMS,
} from './schema';
import { TEST_TREATMENTS } from './test-treatments';

const BASE: AssessmentInputRaw = {
  sex: 'male',
  age: 35,
  pregnancyPotential: 'no',
  onset: 'receding-hairline-or-crown',
  durationMonths: 36,
  familyHistory: 'yes',
  scale: { system: 'norwood', stage: 'III-vertex' },
};
const assess = (o: Partial<AssessmentInputRaw> = {}) =>
  assessCandidacy(AssessmentInputSchema.parse({ ...BASE, ...o }), TEST_TREATMENTS);
const PRP = { slug: 'prp', name: 'PRP' };

describe('choicesThatApply', () => {
  it('offers a man who cannot become pregnant no pregnancy, post-pregnancy or period choices', () => {
    const c = choicesThatApply('male', 'no');
    expect(ONSETS.filter(c.onset)).not.toContain('after-pregnancy');
    expect(OTHER_SYMPTOMS.filter(c.otherSymptom)).not.toContain('irregular-periods');
    const conditions = HEALTH_CONDITIONS.filter(c.condition);
    for (const x of ['pregnancy', 'breastfeeding', 'planning-pregnancy'] as const)
      expect(conditions).not.toContain(x);
    // Everything else is still offered.
    expect(conditions).toContain('anticoagulants');
    expect(ONSETS.filter(c.onset)).toHaveLength(ONSETS.length - 1);
  });

  it('goes by the pregnancy question, not by sex: a man who could become pregnant sees them all', () => {
    const c = choicesThatApply('male', 'yes');
    expect(ONSETS.every(c.onset)).toBe(true);
    expect(OTHER_SYMPTOMS.every(c.otherSymptom)).toBe(true);
    expect(HEALTH_CONDITIONS.every(c.condition)).toBe(true);
  });

  it('keeps past pregnancy and periods for a woman who can no longer become pregnant', () => {
    const c = choicesThatApply('female', 'no');
    expect(c.onset('after-pregnancy')).toBe(true);
    expect(c.otherSymptom('irregular-periods')).toBe(true);
    expect(c.condition('pregnancy')).toBe(false);
  });

  it('shows every choice before the questions are answered, and to someone not sure', () => {
    for (const c of [choicesThatApply(undefined, undefined), choicesThatApply('other', 'unsure')]) {
      expect(ONSETS.every(c.onset)).toBe(true);
      expect(HEALTH_CONDITIONS.every(c.condition)).toBe(true);
    }
  });

  it('never hides a choice the schema would accept as consistent', () => {
    // Every answer combination the form can offer must pass the schema's contradiction checks.
    for (const sex of ['male', 'female', 'other'] as const)
      for (const p of ['yes', 'no', 'unsure'] as const) {
        const c = choicesThatApply(sex, p);
        for (const onset of ONSETS.filter(c.onset)) {
          const scale = onset === 'patches' ? null : BASE.scale;
          const r = AssessmentInputSchema.safeParse({
            ...BASE,
            sex,
            pregnancyPotential: p,
            onset,
            scale: sex === 'male' || onset === 'patches' ? scale : { system: 'ludwig', stage: 'I' },
            conditions: HEALTH_CONDITIONS.filter(c.condition),
          });
          expect(r.success, `${sex}/${p}/${onset}`).toBe(true);
        }
      }
  });
});

describe('plainVerdict', () => {
  it('says plainly that PRP could be an option when it fits', () => {
    const v = plainVerdict(assess(), PRP);
    expect(v.kind).toBe('option');
    expect(v.text).toBe('From your answers, PRP could be an option to discuss with a clinician.');
  });

  it('says PRP is not a good fit, and why, on a blood thinner', () => {
    const v = plainVerdict(assess({ conditions: ['anticoagulants'] }), PRP);
    expect(v.kind).toBe('not-a-fit');
    expect(v.text).toMatch(
      /^From your answers, PRP does not look like a good fit: it is not used with .*blood/i,
    );
  });

  it('says to ask first when only a caution applies', () => {
    const v = plainVerdict(assess({ conditions: ['antiplatelets'] }), PRP);
    expect(v.kind).toBe('option-ask-first');
    expect(v.text).toMatch(/could be an option to discuss with a clinician — ask first about/);
  });

  it('puts a doctor first when a red flag is present', () => {
    const v = plainVerdict(assess({ scalpSymptoms: ['scarring-shiny-patches'] }), PRP);
    expect(v.kind).toBe('see-doctor');
    expect(v.text).toMatch(/^From your answers, please see a doctor first, before thinking about PRP/);
  });

  it('names the best fits when the person came for nothing in particular', () => {
    const v = plainVerdict(assess());
    expect(v.kind).toBe('general');
    expect(v.text).toMatch(/^From your answers, the options that fit best to discuss with a clinician are /);
  });
});
