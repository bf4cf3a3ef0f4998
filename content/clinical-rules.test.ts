import { type AssessmentInputRaw, AssessmentInputSchema, assessCandidacy } from '@anagen/core/assessment';
import { type SideEffectSymptom, triageSideEffect } from '@anagen/core/triage';
import { describe, expect, it } from 'vitest';
import sideEffects from './guide/side-effects-and-aftercare.json';
import { getEvidenceLibrary } from './index';

const opts = { now: 0, routineReviewHours: 24 };

/**
 * The guide's "call the clinic or a doctor promptly" list, item by item, with the portal symptoms a
 * patient would tick for it. Each must triage urgent on its own, so nothing on the list is ever
 * reported only as "other" and routed as routine.
 */
const CALL_PROMPTLY: [RegExp, SideEffectSymptom[]][] = [
  [
    /^Fever, spreading redness, warmth, pus or increasing pain/,
    ['fever', 'spreading-redness', 'warmth', 'pus', 'worsening-pain'],
  ],
  [/^Any change in your vision/, ['vision-changes']],
  [/^Skin near an injection that turns pale, dusky/, ['skin-blanching-or-dusky']],
  [/^Bleeding that does not stop/, ['bleeding-that-will-not-stop']],
  [
    /^Chest pain, shortness of breath, or a swollen and painful leg while taking a JAK/,
    ['chest-pain', 'breathlessness', 'leg-or-ankle-swelling'],
  ],
  [
    /^Dizziness, a racing heart, chest pain or swollen ankles/,
    ['dizziness', 'palpitations', 'chest-pain', 'leg-or-ankle-swelling'],
  ],
  [/^Low mood or thoughts of self-harm/, ['low-mood', 'self-harm-thoughts']],
  [/^Signs of infection while taking a JAK inhibitor/, ['infection-signs', 'fever']],
];

describe('the guide’s call-promptly list is reportable as such', () => {
  const section = sideEffects.sections.find((s) => s.id === 'when-to-call');
  const list = section?.blocks.find((b) => b.type === 'list') as { items: string[] } | undefined;
  it('maps every item of the list to symptoms', () => {
    expect(list?.items.length).toBe(CALL_PROMPTLY.length);
    for (const item of list?.items ?? [])
      expect(
        CALL_PROMPTLY.filter(([re]) => re.test(item)),
        item,
      ).toHaveLength(1);
  });
  it.each(CALL_PROMPTLY)('%s → each symptom alone is urgent', (_re, symptoms) => {
    for (const s of symptoms)
      expect(triageSideEffect({ symptoms: [s], severity: 0 }, opts).urgency).toBe('urgent');
  });
});

describe('assessment rules against the real evidence library', () => {
  const treatments = getEvidenceLibrary().treatments;
  const run = (o: Partial<AssessmentInputRaw>) =>
    assessCandidacy(
      AssessmentInputSchema.parse({
        sex: 'male',
        age: 35,
        onset: 'receding-hairline-or-crown',
        durationMonths: 36,
        familyHistory: 'yes',
        scale: { system: 'norwood', stage: 'III-vertex' },
        ...o,
      }),
      treatments,
    );
  it.each([
    ['sex "other", unanswered', { sex: 'other' as const }],
    ['sex "other", not sure', { sex: 'other' as const, pregnancyPotential: 'unsure' as const }],
    ['a man who could become pregnant', { pregnancyPotential: 'yes' as const }],
  ])('never ranks a 5-alpha-reductase inhibitor for %s', (_n, patch) => {
    const slugs = run(patch).options.map((o) => o.slug);
    expect(slugs.length).toBeGreaterThan(0);
    expect(slugs).not.toContain('finasteride');
    expect(slugs).not.toContain('dutasteride');
  });
  it('still ranks finasteride for a man who cannot become pregnant', () => {
    expect(run({ pregnancyPotential: 'no' }).options.map((o) => o.slug)).toContain('finasteride');
  });
  it.each(['thyroid-disease', 'iron-deficiency', 'isotretinoin', 'autoimmune-disease'] as const)(
    '%s changes the result: a physician first, no ranking',
    (c) => {
      const r = run({ conditions: [c] });
      expect(r.seePhysicianFirst).toBe(true);
      expect(r.options).toEqual([]);
    },
  );
});
