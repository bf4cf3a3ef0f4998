import type { CareTemplate } from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Field, SelectField, TextAreaField } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { fmtNumericDate } from '../../lib/clinic-time';
import { CARE_TREATMENTS, treatmentName } from '../care/care-format';
import { fieldErrorsOf, SaveError } from './form-bits';
import { NoticeNotesSection } from './notice-notes-form';

const KIND_LABEL: Record<string, string> = {
  consent: 'Consent texts',
  preparation: 'Preparation timelines',
  'post-care': 'Post-care instructions',
};

const KIND_ONE: Record<string, string> = {
  consent: 'Consent text',
  preparation: 'Preparation timeline',
  'post-care': 'Post-care instructions',
};

/**
 * Consent, preparation and post-care texts, edited through the care pathway's own template API:
 * every save is a new version; earlier versions and signed copies never change.
 */
export function TemplatesPage() {
  usePageMeta('Templates');
  const [history, setHistory] = useState(false);
  const templates = useQuery({
    queryKey: ['care-templates', 'admin', history],
    queryFn: () => api.get<CareTemplate[]>(`/api/care-templates${history ? '?history=true' : ''}`),
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <h1>Templates</h1>
      <p className="muted">
        Every edit saves a new version. Earlier versions stay on file, and a consent a patient signed keeps
        the exact version they signed; patients are asked to sign the new version at their next visit.
      </p>
      <div className="row">
        <button type="button" className="btn" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          New template
        </button>
        <label>
          <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} /> Show
          earlier and withdrawn versions
        </label>
      </div>
      {creating && <NewTemplateForm onDone={() => setCreating(false)} />}
      {templates.isPending && <Loading />}
      {templates.error && <ErrorState error={templates.error} />}
      {templates.data?.length === 0 && (
        <EmptyState title="No templates yet">
          Consent texts, preparation timelines and post-care instructions appear here. Add one with “New
          template”.
        </EmptyState>
      )}
      {Object.entries(KIND_LABEL).map(([kind, label]) => {
        const list = templates.data?.filter((t) => t.kind === kind) ?? [];
        if (list.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`tpl-${kind}`}>
            <h2 id={`tpl-${kind}`}>{label}</h2>
            {list.map((t) =>
              editing === t.id ? (
                <TemplateEditor key={t.id} template={t} onDone={() => setEditing(null)} />
              ) : (
                <TemplateCard key={t.id} template={t} onEdit={() => setEditing(t.id)} />
              ),
            )}
          </section>
        );
      })}
      <NoticeNotesSection />
    </>
  );
}

const STATUS_NOTE: Record<CareTemplate['status'], string> = {
  active: '',
  superseded: ' · replaced by a later version',
  withdrawn: ' · withdrawn',
};

/** One template version: edit the version in force, or withdraw it (after a second click). */
function TemplateCard({ template: t, onEdit }: { template: CareTemplate; onEdit: () => void }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => api.post<CareTemplate>(`/api/care-templates/${t.id}/withdraw`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['care-templates'] }),
  });
  return (
    <article className="card" aria-label={`${t.title}, version ${t.version}`}>
      <h3>{t.title}</h3>
      <p className="muted small">
        {treatmentName(t.treatmentSlug)} · version {t.version}
        {STATUS_NOTE[t.status]} · {fmtNumericDate(t.createdAt)}
      </p>
      {t.steps.length > 0 && (
        <ul className="small">
          {t.steps.map((st) => (
            <li key={st.key}>
              {whenLabel(st.offsetHours)}: {st.text}
            </li>
          ))}
        </ul>
      )}
      {t.status === 'active' && (
        <div className="row">
          <button type="button" className="btn secondary small" onClick={onEdit}>
            Edit<span className="visually-hidden"> {t.title}</span>
          </button>
          {confirming ? (
            <>
              <span className="small">
                Withdraw version {t.version}? It will no longer be offered or asked for; signed copies stay on
                file.
              </span>
              <button
                type="button"
                className="btn danger small"
                disabled={withdraw.isPending}
                onClick={() => withdraw.mutate()}
              >
                Withdraw
              </button>
              <button type="button" className="btn secondary small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="btn secondary small" onClick={() => setConfirming(true)}>
              Withdraw<span className="visually-hidden"> {t.title}</span>
            </button>
          )}
        </div>
      )}
      <SaveError error={withdraw.error} />
    </article>
  );
}

/** "3 days before", "2 hours before", "at the visit", "1 day after". */
function whenLabel(offsetHours: number): string {
  if (offsetHours === 0) return 'At the visit';
  const h = Math.abs(offsetHours);
  const amount =
    h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} ${h === 1 ? 'hour' : 'hours'}`;
  return `${amount} ${offsetHours < 0 ? 'before' : 'after'}`;
}

interface StepDraft {
  key: string;
  text: string;
  hoursBefore: string;
}

const toDrafts = (steps: CareTemplate['steps']): StepDraft[] =>
  steps.map((st) => ({ key: st.key, text: st.text, hoursBefore: String(-st.offsetHours) }));

/** Steps as the API takes them; new steps get keys not used before in this template. */
function fromDrafts(drafts: StepDraft[]): CareTemplate['steps'] {
  const used = new Set(drafts.map((d) => d.key).filter(Boolean));
  let n = 1;
  return drafts.map((d) => {
    let key = d.key;
    if (!key) {
      while (used.has(`step-${n}`)) n++;
      key = `step-${n}`;
      used.add(key);
    }
    return { key, text: d.text, offsetHours: -Number(d.hoursBefore || 0) };
  });
}

/** Preparation steps: what to do, and how many hours before the visit. */
function StepsEditor({
  steps,
  onChange,
  errors,
}: {
  steps: StepDraft[];
  onChange: (s: StepDraft[]) => void;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((st, j) => (j === i ? { ...st, ...patch } : st)));
  return (
    <fieldset>
      <legend>Steps (at least one)</legend>
      {steps.map((st, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and only removed explicitly
        <div className="row" key={i}>
          <div className="grow-field">
            <Field
              label={`Step ${i + 1}`}
              value={st.text}
              onChange={(e) => set(i, { text: e.target.value })}
              error={errors[`steps.${i}.text`]}
              required
            />
          </div>
          <Field
            label="Hours before the visit"
            type="number"
            min={-1440}
            max={1440}
            value={st.hoursBefore}
            onChange={(e) => set(i, { hoursBefore: e.target.value })}
            error={errors[`steps.${i}.offsetHours`]}
            hint="168 = one week"
            required
          />
          <button
            type="button"
            className="btn secondary small"
            onClick={() => onChange(steps.filter((_, j) => j !== i))}
            disabled={steps.length === 1}
          >
            Remove<span className="visually-hidden"> step {i + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn secondary small"
        onClick={() => onChange([...steps, { key: '', text: '', hoursBefore: '24' }])}
      >
        Add a step
      </button>
    </fieldset>
  );
}

/** Title, text and (for preparation) steps of a template, saved through `send`. */
function TemplateForm({
  label,
  intro,
  initial,
  withSteps,
  submitLabel,
  send,
  onDone,
  children,
}: {
  label: string;
  intro: ReactNode;
  initial: { title: string; body: string; steps: CareTemplate['steps'] };
  withSteps: boolean;
  submitLabel: string;
  send: (fields: { title: string; body: string; steps?: CareTemplate['steps'] }) => Promise<CareTemplate>;
  onDone: () => void;
  /** Fields before the title (kind and treatment of a new template). */
  children?: ReactNode;
}) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [steps, setSteps] = useState<StepDraft[]>(
    initial.steps.length ? toDrafts(initial.steps) : [{ key: '', text: '', hoursBefore: '24' }],
  );
  const save = useMutation({
    mutationFn: () => send({ title, body, ...(withSteps ? { steps: fromDrafts(steps) } : {}) }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['care-templates'] });
      onDone();
    },
  });
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label={label}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate();
      }}
    >
      <p className="muted small">{intro}</p>
      {children}
      <Field
        label="Title"
        value={title}
        onChange={(ev) => setTitle(ev.target.value)}
        error={e.title}
        required
      />
      <TextAreaField
        label="Text"
        rows={10}
        value={body}
        onChange={(ev) => setBody(ev.target.value)}
        error={e.body}
        required
      />
      {withSteps && <StepsEditor steps={steps} onChange={setSteps} errors={e} />}
      <SaveError error={save.error} />
      <div className="row">
        <button type="submit" className="btn" disabled={save.isPending}>
          {submitLabel}
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewTemplateForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<CareTemplate['kind']>('consent');
  const [treatmentSlug, setTreatment] = useState<string>(CARE_TREATMENTS[0]);
  return (
    <TemplateForm
      label="New template"
      intro="If a template of this kind already exists for the treatment, this one becomes its next version."
      initial={{ title: '', body: '', steps: [] }}
      withSteps={kind === 'preparation'}
      submitLabel="Save template"
      send={(fields) => api.post<CareTemplate>('/api/care-templates', { kind, treatmentSlug, ...fields })}
      onDone={onDone}
    >
      <div className="row">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(ev) => setKind(ev.target.value as CareTemplate['kind'])}
        >
          {Object.keys(KIND_LABEL).map((k) => (
            <option key={k} value={k}>
              {KIND_ONE[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Treatment" value={treatmentSlug} onChange={(ev) => setTreatment(ev.target.value)}>
          {CARE_TREATMENTS.map((t) => (
            <option key={t} value={t}>
              {treatmentName(t)}
            </option>
          ))}
        </SelectField>
      </div>
    </TemplateForm>
  );
}

function TemplateEditor({ template, onDone }: { template: CareTemplate; onDone: () => void }) {
  return (
    <TemplateForm
      label={`Edit ${template.title}`}
      intro={`Editing version ${template.version}; saving creates version ${template.version + 1}.`}
      initial={template}
      withSteps={template.kind === 'preparation'}
      submitLabel="Save as new version"
      send={(fields) => api.put<CareTemplate>(`/api/care-templates/${template.id}`, fields)}
      onDone={onDone}
    />
  );
}
