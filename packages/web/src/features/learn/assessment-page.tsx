import {
  type AssessmentInputRaw,
  AssessmentInputSchema,
  choicesThatApply,
  GOALS,
  HEALTH_CONDITIONS,
  ONSETS,
  OTHER_SYMPTOMS,
  PREGNANCY_POTENTIAL,
  PRIOR_EFFECTS,
  SCALP_SYMPTOMS,
  type Scale,
  SEXES,
} from '@anagen/core/assessment';
import type { AssessmentDto } from '@anagen/core/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError, api } from '../../lib/api-client';
import { useMe } from '../auth/use-me';
import {
  CONDITION_INPUT_LABELS,
  GOAL_LABELS,
  ONSET_LABELS,
  OTHER_SYMPTOM_LABELS,
  PREGNANCY_POTENTIAL_LABELS,
  PRIOR_EFFECT_LABELS,
  SCALP_LABELS,
  SEX_LABELS,
} from './assessment-labels';
import { AssessmentResult } from './assessment-result';
import { storeCarriedAssessment } from './carried-assessment';
import { CheckboxGroup, RadioGroup } from './components/choice-group';
import { ScalePicker } from './components/scale-picker';
import { library } from './library';
import { glossary } from './library-source';

/** Plain explanations of the medical words among the health conditions, from content/glossary.json. */
const CONDITION_DEFINITIONS: Partial<Record<(typeof HEALTH_CONDITIONS)[number], string>> = Object.fromEntries(
  glossary.flatMap((g) => g.conditions.map((c) => [c, g.definition])),
);

type Sex = (typeof SEXES)[number];
type Onset = (typeof ONSETS)[number];
type PriorEffect = (typeof PRIOR_EFFECTS)[number];
type PregnancyPotential = (typeof PREGNANCY_POTENTIAL)[number];

interface Draft {
  sex?: Sex;
  age: string;
  pregnancyPotential?: PregnancyPotential;
  onset?: Onset;
  durationMonths: string;
  familyHistory?: 'yes' | 'no' | 'unknown';
  scale: Scale | null;
  scalpSymptoms: (typeof SCALP_SYMPTOMS)[number][];
  otherSymptoms: (typeof OTHER_SYMPTOMS)[number][];
  conditions: (typeof HEALTH_CONDITIONS)[number][];
  priorTreatments: { slug: string; effect: PriorEffect }[];
  goals: (typeof GOALS)[number][];
  budgetUsd: string;
}

const EMPTY: Draft = {
  age: '',
  durationMonths: '',
  scale: null,
  scalpSymptoms: [],
  otherSymptoms: [],
  conditions: [],
  priorTreatments: [],
  goals: [],
  budgetUsd: '',
};

const STEPS = [
  { title: 'About you', fields: ['sex', 'age', 'pregnancyPotential'] },
  { title: 'Your hair loss', fields: ['onset', 'durationMonths', 'familyHistory'] },
  { title: 'How it looks now', fields: ['scale'] },
  { title: 'Scalp and health', fields: ['scalpSymptoms', 'otherSymptoms', 'conditions'] },
  {
    title: 'What you have tried and what you want',
    fields: ['priorTreatments', 'goals', 'monthlyBudgetCents'],
  },
] as const;

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function toInput(d: Draft): AssessmentInputRaw {
  const budget = num(d.budgetUsd);
  // A choice hidden after a later answer (e.g. "Pregnant" once "could not become pregnant") is dropped.
  const applies = choicesThatApply(d.sex, d.pregnancyPotential);
  return {
    sex: d.sex as Sex,
    age: num(d.age) as number,
    // Asked of everyone; left null here only until answered, and the form insists on an answer.
    pregnancyPotential: d.pregnancyPotential ?? null,
    onset: (d.onset && applies.onset(d.onset) ? d.onset : undefined) as Onset,
    durationMonths: num(d.durationMonths) as number,
    familyHistory: d.familyHistory as 'yes',
    scale: d.scale,
    scalpSymptoms: d.scalpSymptoms,
    otherSymptoms: d.otherSymptoms.filter(applies.otherSymptom),
    conditions: d.conditions.filter(applies.condition),
    priorTreatments: d.priorTreatments,
    goals: d.goals,
    monthlyBudgetCents: budget === undefined ? null : Math.round(budget * 100),
  };
}

type Errors = Record<string, string>;

/** Plain-language versions of the schema's contradiction checks (the API sends the technical ones). */
const CONTRADICTIONS: Record<string, string> = {
  onset: '“After pregnancy” does not fit with the sex you chose (male). Please check both answers.',
  conditions:
    'Pregnancy, breastfeeding or planning a pregnancy does not fit with your answer that you could not become pregnant. Please check.',
  durationMonths: 'That is longer than you have been alive. Please check the number of months.',
  scale: 'This scale does not fit the pattern you described. Please choose again or skip.',
};

/** Errors keyed by the top-level field ("scale", "age", …). */
function clientErrors(d: Draft): Errors {
  const r = AssessmentInputSchema.safeParse(toInput(d));
  const out: Errors = {};
  // The API accepts a missing answer from older clients; this form always asks.
  if (!d.pregnancyPotential) out.pregnancyPotential = 'Please answer this question.';
  if (r.success) return out;
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_');
    out[key] ??=
      issue.code === 'custom'
        ? (CONTRADICTIONS[key] ?? issue.message)
        : issue.code === 'invalid_type' || issue.code === 'invalid_value'
          ? 'Please answer this question.'
          : issue.message;
    if (key === 'age' && d.age.trim() !== '') out.age = 'Please enter an age between 0 and 120.';
  }
  return out;
}

function serverErrors(err: ApiError): Errors {
  const out: Errors = {};
  for (const e of err.problem.errors ?? []) {
    const key = e.path.replace(/^body\.?/, '').split('.')[0] || '_';
    out[key] ??= e.message;
  }
  return out;
}

const stepOf = (errors: Errors) => STEPS.findIndex((s) => s.fields.some((f) => errors[f]));

function scaleSystems(d: Draft): Scale['system'][] {
  if (d.onset === 'patches') return ['salt'];
  if (d.sex === 'male') return ['norwood'];
  if (d.sex === 'female') return ['ludwig', 'sinclair'];
  return ['norwood', 'ludwig', 'sinclair'];
}

const ASSESSMENT_META = {
  title: 'Am I a candidate? Hair-loss self-assessment',
  description:
    'Answer a few questions to see the likely type and stage of your hair loss, signs that need a doctor first, and treatment options ranked by evidence.',
};

export default function AssessmentPage() {
  usePageMeta(ASSESSMENT_META.title, ASSESSMENT_META.description);
  const { data: me } = useMe();
  // The treatment page the person came from (?for=prp): the result says first whether it fits.
  const [params] = useSearchParams();
  const interest = library.treatments.find((t) => t.slug === params.get('for'));
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const applies = choicesThatApply(draft.sex, draft.pregnancyPotential);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<AssessmentDto | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading whenever the step or result changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step, result]);

  const submit = useMutation({
    mutationFn: (input: AssessmentInputRaw) => api.post<AssessmentDto>('/api/assessments', input),
    onSuccess: (dto) => {
      setResult(dto);
      storeCarriedAssessment({ id: dto.id, summary: dto.summary, createdAt: dto.createdAt });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 400) {
        const e = serverErrors(err);
        setErrors(e);
        const s = stepOf(e);
        if (s >= 0) setStep(s);
      }
    },
  });

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  if (result) {
    return (
      <AssessmentResult
        assessment={result}
        interest={interest ? { slug: interest.slug, name: interest.shortName } : undefined}
        headingRef={heading}
        signedInAsPatient={me?.role === 'patient'}
        onRestart={() => {
          setResult(null);
          setStep(0);
        }}
      />
    );
  }

  const next = () => {
    const all = clientErrors(draft);
    const here = Object.fromEntries(
      Object.entries(all).filter(
        ([k]) => (STEPS[step]?.fields as readonly string[] | undefined)?.includes(k) ?? false,
      ),
    );
    setErrors(here);
    if (Object.keys(here).length > 0) return;
    if (step < STEPS.length - 1) {
      setStep(step + 1);
      return;
    }
    if (Object.keys(all).length > 0) {
      setErrors(all);
      setStep(Math.max(0, stepOf(all)));
      return;
    }
    submit.mutate(toInput(draft));
  };

  const current = STEPS[step]!;
  return (
    <div className="narrow">
      <h1>Am I a candidate?</h1>
      <p className="muted">
        About 3 minutes. This gives general information, not a diagnosis.
        {me?.role === 'patient'
          ? ' Your answers and result will be saved to your record for your clinician.'
          : ' Nothing is saved unless you are signed in as a patient.'}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
        className="card"
      >
        <p className="muted small">
          Step {step + 1} of {STEPS.length}
        </p>
        <h2 ref={heading} tabIndex={-1}>
          {current.title}
        </h2>
        {errors._ && <p className="error-text">{errors._}</p>}
        {step === 0 && (
          <>
            <RadioGroup
              legend="Sex"
              options={SEXES}
              labels={SEX_LABELS}
              value={draft.sex}
              onChange={(v) => set('sex', v)}
              error={errors.sex}
            />
            <Field
              label="Age in years"
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              value={draft.age}
              onChange={(e) => set('age', e.target.value)}
              error={errors.age}
            />
            <RadioGroup
              legend="Could you become pregnant, now or in the future?"
              hint="We ask everyone, whatever sex you chose: some hair-loss medicines can harm an unborn baby."
              options={PREGNANCY_POTENTIAL}
              labels={PREGNANCY_POTENTIAL_LABELS}
              value={draft.pregnancyPotential}
              onChange={(v) => set('pregnancyPotential', v)}
              error={errors.pregnancyPotential}
            />
          </>
        )}
        {step === 1 && (
          <>
            <RadioGroup
              legend="How did it start, or what does it look like?"
              options={ONSETS.filter(applies.onset)}
              labels={ONSET_LABELS}
              value={draft.onset && applies.onset(draft.onset) ? draft.onset : undefined}
              onChange={(v) => set('onset', v)}
              error={errors.onset}
            />
            <Field
              label="How long has it been going on, in months?"
              hint="For example 24 for two years."
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.durationMonths}
              onChange={(e) => set('durationMonths', e.target.value)}
              error={errors.durationMonths}
            />
            <RadioGroup
              legend="Has a parent, brother or sister had similar hair loss?"
              options={['yes', 'no', 'unknown'] as const}
              labels={{ yes: 'Yes', no: 'No', unknown: 'I don’t know' }}
              value={draft.familyHistory}
              onChange={(v) => set('familyHistory', v)}
              error={errors.familyHistory}
            />
          </>
        )}
        {step === 2 && (
          <ScalePicker
            key={scaleSystems(draft).join()}
            systems={scaleSystems(draft)}
            value={draft.scale}
            onChange={(s) => set('scale', s)}
            error={errors.scale}
          />
        )}
        {step === 3 && (
          <>
            <CheckboxGroup
              legend="Do you have any of these on your scalp?"
              hint="Leave all unticked if none apply."
              options={SCALP_SYMPTOMS}
              labels={SCALP_LABELS}
              value={draft.scalpSymptoms}
              onChange={(v) => set('scalpSymptoms', v)}
              error={errors.scalpSymptoms}
            />
            <CheckboxGroup
              legend="Anything else you have noticed?"
              options={OTHER_SYMPTOMS.filter(applies.otherSymptom)}
              labels={OTHER_SYMPTOM_LABELS}
              value={draft.otherSymptoms.filter(applies.otherSymptom)}
              onChange={(v) => set('otherSymptoms', v)}
              error={errors.otherSymptoms}
            />
            <CheckboxGroup
              legend="Health conditions and medicines"
              options={HEALTH_CONDITIONS.filter(applies.condition)}
              labels={CONDITION_INPUT_LABELS}
              value={draft.conditions.filter(applies.condition)}
              descriptions={CONDITION_DEFINITIONS}
              onChange={(v) => set('conditions', v)}
              error={errors.conditions}
            />
          </>
        )}
        {step === 4 && (
          <>
            <PriorTreatments
              value={draft.priorTreatments}
              onChange={(v) => set('priorTreatments', v)}
              error={errors.priorTreatments}
            />
            <CheckboxGroup
              legend="What matters most to you?"
              options={GOALS}
              labels={GOAL_LABELS}
              value={draft.goals}
              onChange={(v) => set('goals', v)}
              error={errors.goals}
            />
            <Field
              label="What could you spend per month, in US dollars? (optional)"
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.budgetUsd}
              onChange={(e) => set('budgetUsd', e.target.value)}
              error={errors.monthlyBudgetCents}
            />
          </>
        )}
        {submit.error && !(submit.error instanceof ApiError && submit.error.status === 400) && (
          <div className="alert error" role="alert">
            We could not work out your result just now. Please try again. ({submit.error.message})
          </div>
        )}
        <div className="row form-actions">
          {step > 0 && (
            <button type="button" className="btn secondary" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          <button type="submit" className="btn" disabled={submit.isPending}>
            {step < STEPS.length - 1 ? 'Next' : submit.isPending ? 'Working…' : 'See my result'}
          </button>
        </div>
      </form>
    </div>
  );
}

function PriorTreatments({
  value,
  onChange,
  error,
}: {
  value: Draft['priorTreatments'];
  onChange: (v: Draft['priorTreatments']) => void;
  error?: string | undefined;
}) {
  const [slug, setSlug] = useState('');
  const [effect, setEffect] = useState<PriorEffect>('helped');
  const nameOf = (s: string) => library.treatments.find((t) => t.slug === s)?.name ?? s;
  return (
    <fieldset className="choices">
      <legend>Treatments you have tried (optional)</legend>
      {value.length > 0 && (
        <ul>
          {value.map((p) => (
            <li key={p.slug} className="row">
              {nameOf(p.slug)}: {PRIOR_EFFECT_LABELS[p.effect]}
              <button
                type="button"
                className="btn secondary small"
                onClick={() => onChange(value.filter((x) => x !== p))}
              >
                Remove<span className="visually-hidden"> {nameOf(p.slug)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="prior-slug">Treatment</label>
        <select id="prior-slug" value={slug} onChange={(e) => setSlug(e.target.value)}>
          <option value="">Choose…</option>
          {library.treatments
            .filter((t) => !value.some((p) => p.slug === t.slug))
            .map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="prior-effect">What happened</label>
        <select id="prior-effect" value={effect} onChange={(e) => setEffect(e.target.value as PriorEffect)}>
          {PRIOR_EFFECTS.map((e) => (
            <option key={e} value={e}>
              {PRIOR_EFFECT_LABELS[e]}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn secondary"
        disabled={!slug}
        onClick={() => {
          onChange([...value, { slug, effect }]);
          setSlug('');
        }}
      >
        Add treatment
      </button>
      {error && <p className="error-text">{error}</p>}
    </fieldset>
  );
}
