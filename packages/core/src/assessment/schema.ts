import { z } from 'zod';

export const SEXES = ['female', 'male', 'other'] as const;

export const ONSETS = [
  'gradual-thinning',
  'receding-hairline-or-crown',
  'diffuse-thinning',
  'patches',
  'sudden-shedding',
  'after-pregnancy',
  'after-illness',
  'after-chemotherapy',
  'after-new-medication',
] as const;
export type Onset = (typeof ONSETS)[number];

export const NORWOOD_STAGES = [
  'I',
  'II',
  'IIa',
  'III',
  'IIIa',
  'III-vertex',
  'IV',
  'IVa',
  'V',
  'Va',
  'VI',
  'VII',
] as const;
export const LUDWIG_STAGES = ['I', 'II', 'III'] as const;
export const SINCLAIR_STAGES = [1, 2, 3, 4, 5] as const;

export const SCALP_SYMPTOMS = [
  'itch',
  'pain',
  'burning',
  'redness',
  'scaling',
  'pustules',
  'scarring-shiny-patches',
  'changing-or-bleeding-spot',
] as const;
export type ScalpSymptom = (typeof SCALP_SYMPTOMS)[number];

/** Signs outside the scalp that point to a cause a physician should look for. */
export const OTHER_SYMPTOMS = [
  'weight-change',
  'fatigue',
  'fever',
  'joint-pain',
  'rash-or-sun-sensitivity',
  'irregular-periods',
  'new-acne-or-body-hair',
  'eyebrow-or-eyelash-loss',
  'nail-pitting',
  'hair-pulling',
  'significant-distress',
  'crash-diet-or-eating-disorder',
  'getting-worse-fast',
] as const;
export type OtherSymptom = (typeof OTHER_SYMPTOMS)[number];

/** Conditions and medicines; codes that match a contraindication code are passed through to it. */
export const HEALTH_CONDITIONS = [
  'anticoagulants',
  'antiplatelets',
  'bleeding-disorder',
  'active-cancer',
  'active-scalp-infection',
  'autoimmune-disease',
  'pregnancy',
  'breastfeeding',
  'planning-pregnancy',
  'isotretinoin',
  'heart-disease',
  'low-blood-pressure',
  'pheochromocytoma',
  'keloid-tendency',
  'photosensitivity',
  'immunosuppressed',
  'serious-infection',
  'thyroid-disease',
  'iron-deficiency',
] as const;
export type HealthCondition = (typeof HEALTH_CONDITIONS)[number];

/**
 * Asked of everyone, whatever sex they choose: finasteride and dutasteride can harm a male fetus,
 * so pregnancy potential is never inferred from sex alone when the person has answered.
 */
export const PREGNANCY_POTENTIAL = ['yes', 'no', 'unsure'] as const;
export type PregnancyPotential = (typeof PREGNANCY_POTENTIAL)[number];

export const PRIOR_EFFECTS = ['helped', 'no-change', 'worse', 'side-effects', 'too-early-to-tell'] as const;
export const GOALS = [
  'slow-loss',
  'regrow',
  'restore-hairline',
  'avoid-daily-medication',
  'avoid-procedures',
  'understand-cause',
] as const;
export type Goal = (typeof GOALS)[number];

const percent = z.number().min(0).max(100);

/** The stage on the scale that fits the pattern; `system` selects the scale. */
export const ScaleSchema = z.discriminatedUnion('system', [
  z.object({ system: z.literal('norwood'), stage: z.enum(NORWOOD_STAGES) }).strict(),
  z.object({ system: z.literal('ludwig'), stage: z.enum(LUDWIG_STAGES) }).strict(),
  z
    .object({ system: z.literal('sinclair'), stage: z.union(SINCLAIR_STAGES.map((s) => z.literal(s))) })
    .strict(),
  /** Percent of hair lost in each SALT region (0 = none lost, 100 = all lost). */
  z
    .object({ system: z.literal('salt'), top: percent, back: percent, left: percent, right: percent })
    .strict(),
]);
export type Scale = z.infer<typeof ScaleSchema>;

const PREGNANCY_CODES: readonly HealthCondition[] = ['pregnancy', 'breastfeeding', 'planning-pregnancy'];
const PATTERN_SCALES = new Set(['norwood', 'ludwig', 'sinclair']);

const AssessmentObject = z
  .object({
    sex: z.enum(SEXES),
    /** Children under 12 are accepted and referred (a red flag), never turned away by validation. */
    age: z.number().int().min(0).max(120),
    /** Could the person become pregnant? null when an older client did not ask (then inferred cautiously). */
    pregnancyPotential: z.enum(PREGNANCY_POTENTIAL).nullable().default(null),
    onset: z.enum(ONSETS),
    durationMonths: z.number().int().min(0).max(1200),
    familyHistory: z.enum(['yes', 'no', 'unknown']),
    scale: ScaleSchema.nullable().default(null),
    scalpSymptoms: z.array(z.enum(SCALP_SYMPTOMS)).default([]),
    otherSymptoms: z.array(z.enum(OTHER_SYMPTOMS)).default([]),
    conditions: z.array(z.enum(HEALTH_CONDITIONS)).default([]),
    priorTreatments: z
      .array(
        z
          .object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), effect: z.enum(PRIOR_EFFECTS) })
          .strict(),
      )
      .max(30)
      .default([]),
    goals: z.array(z.enum(GOALS)).default([]),
    /** What the person could spend per month, in US cents; null when not given. */
    monthlyBudgetCents: z.number().int().min(0).nullable().default(null),
  })
  .strict();

/**
 * Answers to the candidacy questionnaire. Besides ranges and enums it rejects contradictory
 * answers with an issue on the field to correct (the form shows it inline, the API returns 400).
 */
export const AssessmentInputSchema = AssessmentObject.superRefine((a, ctx) => {
  // Pregnancy answers contradict "cannot become pregnant". Sex alone decides only when the direct
  // question was not asked (older clients): a man who says he could become pregnant is believed.
  const cannotBePregnant =
    a.pregnancyPotential === 'no' || (a.pregnancyPotential === null && a.sex === 'male');
  const because = a.pregnancyPotential === 'no' ? 'could become pregnant: no' : 'sex: male';
  if (cannotBePregnant) {
    const hit = a.conditions.filter((c) => PREGNANCY_CODES.includes(c));
    if (hit.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: `${hit.join(', ')} cannot be selected together with ${because}`,
      });
    if (a.onset === 'after-pregnancy' && a.pregnancyPotential === null)
      ctx.addIssue({
        code: 'custom',
        path: ['onset'],
        message: 'after-pregnancy onset cannot be selected with sex: male',
      });
  }
  if (a.scale?.system === 'salt' && a.onset !== 'patches')
    ctx.addIssue({
      code: 'custom',
      path: ['scale', 'system'],
      message: 'SALT describes patchy hair loss; choose "patches" as the pattern or pick another scale',
    });
  if (a.scale && PATTERN_SCALES.has(a.scale.system) && a.onset === 'patches')
    ctx.addIssue({
      code: 'custom',
      path: ['scale', 'system'],
      message: 'For patchy hair loss use the SALT regions instead of a pattern scale',
    });
  if (a.durationMonths > a.age * 12)
    ctx.addIssue({
      code: 'custom',
      path: ['durationMonths'],
      message: 'hair loss cannot have lasted longer than your age',
    });
  const seen = new Set<string>();
  a.priorTreatments.forEach((p, i) => {
    if (seen.has(p.slug))
      ctx.addIssue({
        code: 'custom',
        path: ['priorTreatments', i, 'slug'],
        message: `${p.slug} is listed twice`,
      });
    seen.add(p.slug);
  });
});

/** Answers as typed into the form or API (defaults not yet applied). */
export type AssessmentInputRaw = z.input<typeof AssessmentInputSchema>;
/** Validated answers with defaults applied. */
export type AssessmentInput = z.output<typeof AssessmentInputSchema>;

/** Field-level issues for a form or a 400 response: `{ "scale.system": ["…"] }`. */
export function assessmentFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}
