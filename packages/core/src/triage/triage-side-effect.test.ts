import { describe, expect, it } from 'vitest';
import { SIDE_EFFECT_SYMPTOMS, type SideEffectSymptom } from './symptoms';
import { triageSideEffect, type UrgentReason } from './triage-side-effect';

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
];

describe('triageSideEffect', () => {
  it.each(TABLE)('%s', (_name, symptoms, severity, urgency, reasons, emergencyFirst) => {
    const out = triageSideEffect({ symptoms, severity }, opts);
    expect(out.urgency).toBe(urgency);
    expect(out.reasons).toEqual(reasons);
    expect(out.emergencyFirst).toBe(emergencyFirst);
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

  it('never triages a report routine when it names a red-flag symptom', () => {
    const redFlags: SideEffectSymptom[] = [
      'fever',
      'spreading-redness',
      'warmth',
      'pus',
      'worsening-pain',
      'vision-changes',
      'face-or-lip-swelling',
      'trouble-breathing',
      'hives',
    ];
    for (const flag of redFlags) {
      for (const other of SIDE_EFFECT_SYMPTOMS) {
        for (const severity of [0, 5, 10]) {
          expect(triageSideEffect({ symptoms: [other, flag], severity }, opts).urgency).toBe('urgent');
        }
      }
    }
  });
});
