import { describe, expect, it } from 'vitest';
import { SIDE_EFFECT_SYMPTOMS, type SideEffectSymptom } from './symptoms';
import {
  TRIAGE_RULES,
  triageSideEffect,
  URGENT_REASON_ADVICE,
  URGENT_REASON_LABELS,
  URGENT_REASONS,
  URGENT_SYMPTOMS,
  type UrgentReason,
} from './triage-side-effect';

const NOW = Date.parse('2026-11-23T16:00:00Z');
const opts = { now: NOW, routineReviewHours: 24 };

type Row = [string, SideEffectSymptom[], number, 'urgent' | 'routine', UrgentReason[], boolean];

// One row per rule, each rule's boundary, and the combinations that must not fire.
const TABLE: Row[] = [
  ['fever alone, low severity', ['fever'], 1, 'urgent', ['fever'], false],
  ['spreading redness', ['spreading-redness'], 2, 'urgent', ['spreading-redness-or-warmth'], false],
  ['warmth', ['warmth'], 2, 'urgent', ['spreading-redness-or-warmth'], false],
  [
    'redness and warmth count once',
    ['spreading-redness', 'warmth'],
    3,
    'urgent',
    ['spreading-redness-or-warmth'],
    false,
  ],
  ['pus', ['pus'], 0, 'urgent', ['pus'], false],
  ['pain at 7 is severe', ['pain'], 7, 'urgent', ['severe-pain'], false],
  ['pain at 6 is routine', ['pain'], 6, 'routine', [], false],
  ['headache at 8 is severe pain', ['headache'], 8, 'urgent', ['severe-pain'], false],
  ['tenderness at 10 is severe pain', ['tenderness'], 10, 'urgent', ['severe-pain'], false],
  ['worsening pain at low severity', ['worsening-pain'], 3, 'urgent', ['worsening-pain'], false],
  ['worsening and severe pain', ['worsening-pain'], 9, 'urgent', ['severe-pain', 'worsening-pain'], false],
  ['vision changes', ['vision-changes'], 1, 'urgent', ['vision-changes'], true],
  ['face or lip swelling', ['face-or-lip-swelling'], 2, 'urgent', ['allergic-reaction'], true],
  ['trouble breathing', ['trouble-breathing'], 5, 'urgent', ['allergic-reaction'], true],
  ['hives', ['hives'], 1, 'urgent', ['allergic-reaction'], true],
  ['itching at 9 is not a pain rule', ['itching'], 9, 'routine', [], false],
  ['expected mild redness and swelling', ['redness', 'swelling'], 3, 'routine', [], false],
  ['bruising and shedding', ['bruising', 'shedding'], 4, 'routine', [], false],
  ['numbness', ['numbness'], 2, 'routine', [], false],
  ['other', ['other'], 5, 'routine', [], false],
  ['no symptoms', [], 0, 'routine', [], false],
  [
    'several red flags, stable order',
    ['hives', 'pus', 'fever', 'vision-changes', 'warmth', 'pain'],
    7,
    'urgent',
    ['fever', 'spreading-redness-or-warmth', 'pus', 'severe-pain', 'vision-changes', 'allergic-reaction'],
    true,
  ],
  [
    'pale or dusky skin after an injection',
    ['skin-blanching-or-dusky'],
    1,
    'urgent',
    ['vascular-occlusion'],
    false,
  ],
  ['chest pain', ['chest-pain'], 2, 'urgent', ['chest-pain'], true],
  ['palpitations', ['palpitations'], 0, 'urgent', ['racing-heart-or-dizziness'], false],
  ['dizziness', ['dizziness'], 3, 'urgent', ['racing-heart-or-dizziness'], false],
  ['fainting', ['fainting'], 1, 'urgent', ['fainting-or-breathlessness'], true],
  ['breathlessness', ['breathlessness'], 1, 'urgent', ['fainting-or-breathlessness'], true],
  ['swollen ankles', ['leg-or-ankle-swelling'], 1, 'urgent', ['leg-or-ankle-swelling'], false],
  ['stroke signs', ['stroke-signs'], 0, 'urgent', ['stroke-signs'], true],
  [
    'bleeding that will not stop',
    ['bleeding-that-will-not-stop'],
    2,
    'urgent',
    ['uncontrolled-bleeding'],
    false,
  ],
  ['low mood', ['low-mood'], 1, 'urgent', ['low-mood-or-self-harm'], false],
  ['thoughts of self-harm', ['self-harm-thoughts'], 0, 'urgent', ['low-mood-or-self-harm'], false],
  ['infection signs', ['infection-signs'], 2, 'urgent', ['infection-signs'], false],
  [
    'oral minoxidil heart signs together, one emergency',
    ['leg-or-ankle-swelling', 'palpitations', 'chest-pain', 'dizziness'],
    4,
    'urgent',
    ['chest-pain', 'racing-heart-or-dizziness', 'leg-or-ankle-swelling'],
    true,
  ],
  [
    'JAK clot signs: swollen leg and breathlessness',
    ['breathlessness', 'leg-or-ankle-swelling'],
    5,
    'urgent',
    ['fainting-or-breathlessness', 'leg-or-ankle-swelling'],
    true,
  ],
  [
    'low mood with a routine symptom',
    ['shedding', 'low-mood'],
    2,
    'urgent',
    ['low-mood-or-self-harm'],
    false,
  ],
];

describe('triageSideEffect', () => {
  it.each(TABLE)('%s', (_name, symptoms, severity, urgency, reasons, emergencyFirst) => {
    const out = triageSideEffect({ symptoms, severity }, opts);
    expect(out.urgency).toBe(urgency);
    expect(out.reasons).toEqual(reasons);
    expect(out.emergencyFirst).toBe(emergencyFirst);
    expect(out.crisisLine).toBe(reasons.includes('low-mood-or-self-harm'));
    expect(out.reviewDueAt).toBe(urgency === 'urgent' ? NOW : NOW + 24 * 3_600_000);
  });

  it('uses the clinic-set review window for routine reports', () => {
    const out = triageSideEffect({ symptoms: ['redness'], severity: 2 }, { now: NOW, routineReviewHours: 4 });
    expect(out.reviewDueAt - NOW).toBe(4 * 3_600_000);
  });

  it('refuses a review window that is not positive', () => {
    expect(() =>
      triageSideEffect({ symptoms: [], severity: 0 }, { now: NOW, routineReviewHours: 0 }),
    ).toThrow(RangeError);
  });

  // The same list docs/clinical-rules.md shows: every symptom of every rule fires that rule, alone
  // and combined with any other symptom, with the rule's emergency and crisis-line outcome.
  const ruleRows = TRIAGE_RULES.flatMap((r) => r.symptoms.map((s) => [r.reason, s, r] as const));
  it.each(ruleRows)('rule %s fires on %s', (reason, symptom, rule) => {
    const at = rule.minSeverity ?? 0;
    const out = triageSideEffect({ symptoms: [symptom], severity: at }, opts);
    expect(out.urgency).toBe('urgent');
    expect(out.reasons).toContain(reason);
    expect(out.emergencyFirst).toBe(
      out.reasons.some((r) => TRIAGE_RULES.find((x) => x.reason === r)?.emergencyFirst),
    );
    expect(out.crisisLine).toBe(rule.crisisLine);
    if (rule.minSeverity !== undefined)
      expect(triageSideEffect({ symptoms: [symptom], severity: at - 1 }, opts).reasons).not.toContain(reason);
    for (const other of SIDE_EFFECT_SYMPTOMS) {
      const both = triageSideEffect({ symptoms: [other, symptom], severity: at }, opts);
      expect(both.reasons).toContain(reason);
      if (rule.emergencyFirst) expect(both.emergencyFirst).toBe(true);
      if (rule.crisisLine) expect(both.crisisLine).toBe(true);
    }
  });

  it('has exactly one rule per reason, a label for each, and a source for each', () => {
    expect(TRIAGE_RULES.map((r) => r.reason)).toEqual([...URGENT_REASONS]);
    for (const r of TRIAGE_RULES) {
      expect(URGENT_REASON_LABELS[r.reason].length).toBeGreaterThan(3);
      expect(r.source.length).toBeGreaterThan(5);
    }
  });

  it('says what to do for the emergencies the issue named', () => {
    expect(URGENT_REASON_ADVICE['low-mood-or-self-harm']).toMatch(/988/);
    expect(URGENT_REASON_ADVICE['stroke-signs']).toMatch(/emergency services first/);
    expect(URGENT_REASON_ADVICE['vascular-occlusion']).toMatch(/Call the clinic now/);
    expect(URGENT_REASON_ADVICE['uncontrolled-bleeding']).toMatch(/pressure/);
  });

  it('lists the symptoms that are urgent on their own first, emergencies at the top', () => {
    expect(URGENT_SYMPTOMS.slice(0, 3)).toEqual([
      'vision-changes',
      'face-or-lip-swelling',
      'trouble-breathing',
    ]);
    expect(URGENT_SYMPTOMS).not.toContain('pain');
    expect(URGENT_SYMPTOMS).toContain('self-harm-thoughts');
    const routineAlone = SIDE_EFFECT_SYMPTOMS.filter((s) => !URGENT_SYMPTOMS.includes(s));
    for (const s of routineAlone)
      expect(triageSideEffect({ symptoms: [s], severity: 0 }, opts).urgency).toBe('routine');
  });

  it('never triages a report routine when it names a red-flag symptom', () => {
    const redFlags: SideEffectSymptom[] = [...URGENT_SYMPTOMS];
    for (const flag of redFlags) {
      for (const other of SIDE_EFFECT_SYMPTOMS) {
        for (const severity of [0, 5, 10]) {
          expect(triageSideEffect({ symptoms: [other, flag], severity }, opts).urgency).toBe('urgent');
        }
      }
    }
  });
});
