import { z } from 'zod';
import { LUDWIG_STAGES, NORWOOD_STAGES, SINCLAIR_STAGES } from '../assessment/schema';
import { SCALP_ZONES } from '../care/scalp-zones';
import { SIDE_EFFECT_SYMPTOMS } from '../triage/symptoms';

// Care pathway contracts: treatment plans, diagnoses, session records, consents, preparation,
// post-care, side effects and alerts. Instants are epoch ms on the wire, like every other feature.

export const treatmentSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens');

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).optional();
// Within 1970–2200: a far-off instant is a typing mistake and cannot be shown as a date again.
const epochMs = z.number().int().min(0).max(7_258_118_400_000);

export const patientSubParamsSchema = z.strictObject({
  id: z.string().min(1).max(100),
  sid: z.string().min(1).max(100),
});

// ── Diagnoses ────────────────────────────────────────────────────────────────────────────────
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

// ── Treatment plans ──────────────────────────────────────────────────────────────────────────
export const PLAN_STATUSES = ['proposed', 'active', 'completed', 'stopped'] as const;

export const newPlanSchema = z.strictObject({
  treatmentSlug: treatmentSlugSchema,
  sessionsPlanned: z.number().int().min(1).max(24),
  intervalWeeks: z.number().int().min(1).max(52),
  /** Weeks between maintenance sessions after the course; omit when none is planned. */
  maintenanceIntervalWeeks: z.number().int().min(1).max(104).optional(),
  maintenanceNote: optionalText(500),
  goal: text(1000).min(1),
  status: z.enum(PLAN_STATUSES).default('active'),
});
export const updatePlanSchema = z.strictObject({
  status: z.enum(PLAN_STATUSES).optional(),
  goal: text(1000).min(1).optional(),
  sessionsPlanned: z.number().int().min(1).max(24).optional(),
  intervalWeeks: z.number().int().min(1).max(52).optional(),
  maintenanceIntervalWeeks: z.number().int().min(1).max(104).nullable().optional(),
  maintenanceNote: text(500).nullable().optional(),
});
export const planSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  treatmentSlug: z.string(),
  sessionsPlanned: z.number(),
  intervalWeeks: z.number(),
  maintenanceIntervalWeeks: z.number().nullable(),
  maintenanceNote: z.string().nullable(),
  goal: z.string(),
  status: z.enum(PLAN_STATUSES),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  progress: z.object({
    completed: z.number(),
    planned: z.number(),
    next: z.number().nullable(),
    label: z.string(),
  }),
});
export type Plan = z.infer<typeof planSchema>;
export type NewPlan = z.input<typeof newPlanSchema>;

// ── Session records ──────────────────────────────────────────────────────────────────────────
const ml = z.number().min(0).max(500);

/** Structured preparation details; `kind` says which treatment's fields apply. */
export const sessionPreparationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('prp'),
    bloodDrawnMl: ml,
    spinProtocol: text(200).min(1),
    finalVolumeMl: ml,
    activation: optionalText(200),
  }),
  z.strictObject({
    kind: z.literal('adipose'),
    harvestSite: text(200).min(1),
    harvestVolumeMl: ml,
    processing: optionalText(300),
  }),
  z.strictObject({
    kind: z.literal('exosome'),
    product: text(200).min(1),
    dose: text(100).min(1),
  }),
  z.strictObject({ kind: z.literal('other'), description: text(1000).min(1) }),
]);
export type SessionPreparation = z.infer<typeof sessionPreparationSchema>;

export const injectionMapSchema = z
  .array(z.strictObject({ zone: z.enum(SCALP_ZONES), volumeMl: z.number().gt(0).max(50) }))
  .max(SCALP_ZONES.length)
  .refine((m) => new Set(m.map((z) => z.zone)).size === m.length, 'Each zone may appear once');
export type InjectionMap = z.infer<typeof injectionMapSchema>;

export const productLotSchema = z.strictObject({ name: text(200).min(1), lot: text(100).min(1) });

const sessionFields = {
  planId: z.string().min(1).max(100).optional(),
  appointmentId: z.string().min(1).max(100).optional(),
  providerId: z.string().min(1).max(100),
  treatmentSlug: treatmentSlugSchema,
  performedAt: epochMs,
  products: z.array(productLotSchema).max(20).default([]),
  preparation: sessionPreparationSchema.optional(),
  anaesthesia: optionalText(500),
  injectionMap: injectionMapSchema.default([]),
  notes: optionalText(5000),
};
export const newSessionSchema = z.strictObject(sessionFields);
export const updateSessionSchema = z.strictObject({
  providerId: sessionFields.providerId.optional(),
  performedAt: epochMs.optional(),
  products: z.array(productLotSchema).max(20).optional(),
  preparation: sessionPreparationSchema.optional(),
  anaesthesia: optionalText(500),
  injectionMap: injectionMapSchema.optional(),
  notes: optionalText(5000),
});
export const addendumRequestSchema = z.strictObject({ text: text(5000).min(1) });
export const addendumSchema = z.object({
  id: z.string(),
  text: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
});
export const sessionRecordSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  providerId: z.string(),
  providerName: z.string().nullable(),
  treatmentSlug: z.string(),
  performedAt: z.number(),
  products: z.array(z.object({ name: z.string(), lot: z.string() })),
  preparation: sessionPreparationSchema.nullable(),
  anaesthesia: z.string().nullable(),
  injectionMap: z.array(z.object({ zone: z.enum(SCALP_ZONES), volumeMl: z.number() })),
  totalVolumeMl: z.number(),
  notes: z.string().nullable(),
  status: z.enum(['draft', 'signed']),
  signedAt: z.number().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  createdAt: z.number(),
  addenda: z.array(addendumSchema),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type NewSession = z.input<typeof newSessionSchema>;

// ── Care templates (consent, preparation, post-care) ─────────────────────────────────────────
export const TEMPLATE_KINDS = ['consent', 'preparation', 'post-care'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const preparationStepSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/),
  text: text(500).min(1),
  /** Hours relative to the appointment start; negative is before (−168 = 7 days before). */
  offsetHours: z
    .number()
    .min(-24 * 60)
    .max(24 * 60),
});

export const templateWriteSchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  treatmentSlug: treatmentSlugSchema,
  title: text(200).min(1),
  body: text(20_000).min(1),
  steps: z
    .array(preparationStepSchema)
    .max(30)
    .refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'Step keys must be unique')
    .optional(),
});
export const templateEditSchema = templateWriteSchema.omit({ kind: true, treatmentSlug: true });
export const careTemplateSchema = z.object({
  id: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  treatmentSlug: z.string(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  steps: z.array(z.object({ key: z.string(), text: z.string(), offsetHours: z.number() })),
  status: z.enum(['active', 'superseded', 'withdrawn']),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
});
export type CareTemplate = z.infer<typeof careTemplateSchema>;
export type TemplateWrite = z.infer<typeof templateWriteSchema>;
export const templateQuerySchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS).optional(),
  treatment: treatmentSlugSchema.optional(),
  /** Include superseded and withdrawn versions. */
  history: z.enum(['true', 'false']).default('false'),
});

// ── Consents ─────────────────────────────────────────────────────────────────────────────────
export const signConsentSchema = z.strictObject({
  templateId: z.string().min(1).max(100),
  typedName: text(200).min(1),
  /** The "I have read and agree" checkbox; anything but true is refused. */
  agreed: z.literal(true),
});
export const signedConsentSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  treatmentSlug: z.string(),
  version: z.number(),
  title: z.string(),
  signedText: z.string(),
  textSha256: z.string(),
  typedName: z.string(),
  signedAt: z.number(),
});
export type SignedConsent = z.infer<typeof signedConsentSchema>;
export const consentsOverviewSchema = z.object({
  due: z.array(careTemplateSchema.extend({ reason: z.enum(['never-signed', 'newer-version']) })),
  signed: z.array(signedConsentSchema),
});
export type ConsentsOverview = z.infer<typeof consentsOverviewSchema>;
export const consentStatusSchema = z.object({
  treatmentSlug: z.string(),
  /** False when the clinic has no active consent template for the treatment. */
  required: z.boolean(),
  currentVersion: z.number().nullable(),
  signedVersion: z.number().nullable(),
  missing: z.boolean(),
  message: z.string().nullable(),
});
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

// ── Preparation checklist and post-care ──────────────────────────────────────────────────────
export const checklistItemSchema = z.object({
  id: z.string(),
  key: z.string(),
  text: z.string(),
  dueAt: z.number(),
  tickedAt: z.number().nullable(),
});
export const appointmentChecklistSchema = z.object({
  appointmentId: z.string(),
  startAt: z.number(),
  typeName: z.string(),
  treatmentSlug: z.string(),
  items: z.array(checklistItemSchema),
  done: z.number(),
  total: z.number(),
});
export type AppointmentChecklist = z.infer<typeof appointmentChecklistSchema>;
export const tickItemSchema = z.strictObject({ ticked: z.boolean() });
export const postCareSchema = z.object({
  sessionId: z.string(),
  performedAt: z.number(),
  treatmentSlug: z.string(),
  title: z.string(),
  body: z.string(),
});
export type PostCare = z.infer<typeof postCareSchema>;

// ── Side effects ─────────────────────────────────────────────────────────────────────────────
export const reportSideEffectSchema = z.strictObject({
  symptoms: z
    .array(z.enum(SIDE_EFFECT_SYMPTOMS))
    .min(1, 'Choose at least one symptom')
    .max(SIDE_EFFECT_SYMPTOMS.length)
    .refine((s) => new Set(s).size === s.length, 'Each symptom once'),
  severity: z.number().int().min(0).max(10),
  onsetAt: epochMs,
  sessionId: z.string().min(1).max(100).optional(),
  note: optionalText(2000),
});
export const SIDE_EFFECT_OUTCOMES = [
  'resolved',
  'monitoring',
  'treated',
  'referred',
  'seen-in-clinic',
] as const;
export const reviewSideEffectSchema = z
  .strictObject({
    assessment: text(5000).min(1, 'Write your assessment'),
    outcome: z.enum(SIDE_EFFECT_OUTCOMES, 'Choose an outcome'),
    /** When to look again (epoch ms); required for `monitoring`, ignored otherwise. */
    followUpAt: epochMs.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'monitoring' && v.followUpAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['followUpAt'],
        message: 'Choose a follow-up date for monitoring',
      });
    }
  });
export const sideEffectReviewSchema = z.object({
  assessment: z.string(),
  outcome: z.string(),
  followUpAt: z.number().nullable(),
  reviewedBy: z.string(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.number(),
});
export type SideEffectReview = z.infer<typeof sideEffectReviewSchema>;
export const sideEffectReportSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  sessionId: z.string().nullable(),
  treatmentSlug: z.string().nullable(),
  symptoms: z.array(z.enum(SIDE_EFFECT_SYMPTOMS)),
  severity: z.number(),
  onsetAt: z.number(),
  note: z.string().nullable(),
  urgency: z.enum(['urgent', 'routine']),
  reasons: z.array(z.string()),
  reviewDueAt: z.number(),
  /** `monitoring`: reviewed, still open until a later review closes it (see `followUpAt`). */
  status: z.enum(['open', 'monitoring', 'reviewed']),
  assessment: z.string().nullable(),
  outcome: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  createdAt: z.number(),
  /** The follow-up date of a report under monitoring; null otherwise. */
  followUpAt: z.number().nullable(),
  /** Every review, oldest first (the fields above repeat the latest). */
  reviews: z.array(sideEffectReviewSchema),
});
export type SideEffectReport = z.infer<typeof sideEffectReportSchema>;
export const sideEffectResponseSchema = z.object({
  report: sideEffectReportSchema,
  advice: z.object({
    urgency: z.enum(['urgent', 'routine']),
    emergencyFirst: z.boolean(),
    clinicPhone: z.string(),
    emergencyNumber: z.string(),
    /** A crisis line to call or text (988 in the US) when low mood or self-harm was reported; else null. */
    crisisLine: z.string().nullable(),
    message: z.string(),
  }),
});
export type SideEffectResponse = z.infer<typeof sideEffectResponseSchema>;

export const careAlertSchema = z.object({
  id: z.string(),
  kind: z.literal('urgent-side-effect'),
  patientId: z.string(),
  patientName: z.string(),
  /** So whoever sees the alert can call at once (contact details are demographics: all staff). */
  patientPhone: z.string().nullable(),
  patientEmail: z.string(),
  reportId: z.string(),
  createdAt: z.number(),
  /** Urgent reasons; only for clinical roles (front desk sees that an alert exists, not why). */
  reasons: z.array(z.string()).nullable(),
  acknowledgedAt: z.number().nullable(),
});
export type CareAlert = z.infer<typeof careAlertSchema>;

/** A report under monitoring, for the staff Today page (no clinical detail: the desk sees it too). */
export const sideEffectFollowUpSchema = z.object({
  reportId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  followUpAt: z.number(),
});
export type SideEffectFollowUp = z.infer<typeof sideEffectFollowUpSchema>;

export const sideEffectStatsSchema = z.object({
  from: z.number().nullable(),
  to: z.number().nullable(),
  rows: z.array(
    z.object({
      treatmentSlug: z.string(),
      sessions: z.number(),
      reports: z.number(),
      urgent: z.number(),
      /** Reports per signed session, 0–n; null when no sessions were recorded. */
      reportsPerSession: z.number().nullable(),
      urgentPerSession: z.number().nullable(),
    }),
  ),
});

export const careSettingsSchema = z.strictObject({
  requireConsultationBeforeProcedure: z.boolean(),
  sideEffectReviewHours: z.number().int().min(1).max(168),
});
export type CareSettings = z.infer<typeof careSettingsSchema>;
