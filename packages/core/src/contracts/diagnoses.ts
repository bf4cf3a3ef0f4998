import { z } from 'zod';
import { LUDWIG_STAGES, NORWOOD_STAGES, SINCLAIR_STAGES } from '../assessment/schema';
import { epochMs, optionalText, text } from './care-fields';

// Diagnoses: loss types, scales and stages.
export const LOSS_TYPES = [
  'male-pattern-hair-loss',
  'female-pattern-hair-loss',
  'alopecia-areata',
  'telogen-effluvium',
  'scarring-alopecia',
  'traction-alopecia',
  'other',
] as const;
export const DIAGNOSIS_SCALES = ['norwood', 'ludwig', 'sinclair', 'salt', 'none'] as const;

const SCALE_NAMES: Record<string, string> = {
  norwood: 'Norwood–Hamilton',
  ludwig: 'Ludwig',
  sinclair: 'Sinclair',
  salt: 'SALT',
  none: 'No scale',
};
/** "male-pattern-hair-loss" → "Male pattern hair loss". */
export const lossTypeLabel = (t: string) => t.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
export const scaleLabel = (s: string) => SCALE_NAMES[s] ?? s;
/** A diagnosed stage with its scale, e.g. "Norwood–Hamilton III-vertex"; empty when no scale applies. */
export const stageLabel = (scale: string, stage: string) =>
  scale === 'none' ? '' : `${scaleLabel(scale)} ${stage}`;

/** The stages each diagnosis scale knows; SALT is the % of scalp without hair (0–100). */
export const DIAGNOSIS_STAGES: Record<
  Exclude<(typeof DIAGNOSIS_SCALES)[number], 'salt' | 'none'>,
  readonly string[]
> = {
  norwood: NORWOOD_STAGES,
  ludwig: LUDWIG_STAGES,
  sinclair: SINCLAIR_STAGES.map(String),
};

/** Whether `stage` is a stage of `scale` (any text for "none"). */
export function isDiagnosisStage(scale: (typeof DIAGNOSIS_SCALES)[number], stage: string): boolean {
  if (scale === 'none') return true;
  if (scale === 'salt') return /^\d{1,3}$/.test(stage) && Number(stage) <= 100;
  return DIAGNOSIS_STAGES[scale].includes(stage);
}

export const newDiagnosisSchema = z
  .strictObject({
    lossType: z.enum(LOSS_TYPES),
    scale: z.enum(DIAGNOSIS_SCALES),
    /** Stage on the chosen scale, e.g. "III-vertex" (Norwood), "II" (Ludwig), "35" (SALT %). */
    stage: text(20).min(1),
    diagnosedAt: epochMs.optional(),
    source: z.enum(['clinician', 'assessment']).default('clinician'),
    notes: optionalText(2000),
  })
  .superRefine((d, ctx) => {
    // A free-typed "3" on the Norwood scale would be charted as if it were a stage.
    if (!isDiagnosisStage(d.scale, d.stage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message:
          d.scale === 'salt' || d.scale === 'none'
            ? 'SALT is the share of the scalp without hair: a whole number from 0 to 100'
            : `not a ${d.scale} stage (one of ${DIAGNOSIS_STAGES[d.scale].join(', ')})`,
      });
    }
  });
export const diagnosisSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  lossType: z.enum(LOSS_TYPES),
  scale: z.enum(DIAGNOSIS_SCALES),
  stage: z.string(),
  diagnosedAt: z.number(),
  source: z.enum(['clinician', 'assessment']),
  notes: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type NewDiagnosis = z.input<typeof newDiagnosisSchema>;
