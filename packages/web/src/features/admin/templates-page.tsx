import type { CareTemplate } from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, TextAreaField } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { fieldErrorsOf, SaveError } from './form-bits';
import { NoticeNotesSection } from './notice-notes-form';

const KIND_LABEL: Record<string, string> = {
  consent: 'Consent texts',
  preparation: 'Preparation timelines',
  'post-care': 'Post-care instructions',
};

/**
 * Consent, preparation and post-care texts, edited through the care pathway's own template API:
 * every save is a new version; earlier versions and signed copies never change.
 */
export function TemplatesPage() {
  usePageMeta('Templates');
  const templates = useQuery({
    queryKey: ['care-templates', 'admin'],
    queryFn: () => api.get<CareTemplate[]>('/api/care-templates'),
  });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <h1>Templates</h1>
      <p className="muted">
        Every edit saves a new version. Earlier versions stay on file, and a consent a patient signed keeps
        the exact version they signed; patients are asked to sign the new version at their next visit.
      </p>
      {templates.isPending && <Loading />}
      {templates.error && <ErrorState error={templates.error} />}
      {templates.data?.length === 0 && <EmptyState title="No templates yet" />}
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
                <article key={t.id} className="card">
                  <h3>{t.title}</h3>
                  <p className="muted small">
                    {t.treatmentSlug} · version {t.version}
                    {t.status !== 'active' ? ` · ${t.status}` : ''}
                  </p>
                  <button type="button" className="btn secondary small" onClick={() => setEditing(t.id)}>
                    Edit<span className="visually-hidden"> {t.title}</span>
                  </button>
                </article>
              ),
            )}
          </section>
        );
      })}
      <NoticeNotesSection />
    </>
  );
}

function TemplateEditor({ template, onDone }: { template: CareTemplate; onDone: () => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(template.title);
  const [body, setBody] = useState(template.body);
  const save = useMutation({
    mutationFn: () =>
      api.put<CareTemplate>(`/api/care-templates/${template.id}`, {
        title,
        body,
        ...(template.steps.length ? { steps: template.steps } : {}),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['care-templates'] });
      onDone();
    },
  });
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label={`Edit ${template.title}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate();
      }}
    >
      <p className="muted small">
        Editing version {template.version}; saving creates version {template.version + 1}.
      </p>
      <Field
        label="Title"
        value={title}
        onChange={(ev) => setTitle(ev.target.value)}
        error={e.title}
        required
      />
      <TextAreaField
        label="Text"
        rows={12}
        value={body}
        onChange={(ev) => setBody(ev.target.value)}
        error={e.body}
        required
      />
      <SaveError error={save.error} />
      <div className="row">
        <button type="submit" className="btn" disabled={save.isPending}>
          Save as new version
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
