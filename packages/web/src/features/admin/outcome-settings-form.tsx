import type { OutcomeSettings } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { CheckboxField } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { SaveError } from './form-bits';

/** Admin: whether anyone may read the clinic-wide outcome summary of each treatment. */
export function OutcomeSettingsSection() {
  const settings = useQuery({
    queryKey: ['admin', 'outcome-settings'],
    queryFn: () => api.get<OutcomeSettings>('/api/admin/outcome-settings'),
  });
  return (
    <section aria-labelledby="outcome-settings-heading">
      <h2 id="outcome-settings-heading">Outcome summaries</h2>
      <p className="muted">
        Publish the clinic-wide results of each treatment — the figures and definitions of the Outcomes page,
        without provider names or any single patient’s value — at /treatments/&lt;treatment&gt;/outcomes, for
        example <Link to="/treatments/prp/outcomes">PRP</Link>. Off until you turn it on.
      </p>
      {settings.isPending && <Loading />}
      {settings.error && <ErrorState error={settings.error} />}
      {settings.data && <OutcomeSettingsForm initial={settings.data} />}
    </section>
  );
}

function OutcomeSettingsForm({ initial }: { initial: OutcomeSettings }) {
  const [d, setD] = useState(initial);
  const save = useAdminSave((body: OutcomeSettings) =>
    api.put<OutcomeSettings>('/api/admin/outcome-settings', body),
  );
  return (
    <form
      className="card"
      aria-label="Outcome summary settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(d);
      }}
    >
      <CheckboxField
        label="Publish outcome summaries"
        hint="Anyone can then read them; figures from fewer than 5 patients are never shown."
        checked={d.publishSummary}
        onChange={(v) => setD({ publishSummary: v })}
      />
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          {d.publishSummary ? 'Outcome summaries are published.' : 'Outcome summaries are not published.'}
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save outcome summary setting
      </button>
    </form>
  );
}
