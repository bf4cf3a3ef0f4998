import { SCALP_ZONE_LABELS, SCALP_ZONES, type ScalpZone } from '@anagen/core/care';
import { type CustomScalpSite, SCALP_SITES } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useCustomSites } from '../progress/progress-api';
import { SITE_LABELS } from '../progress/view-protocols';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

/** "Crown, left of the whorl" → "crown-left-of-the-whorl" (the API's slug shape, at most 40 characters). */
const slugOf = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/**
 * Admin: close-up sites of the clinic's own besides the six standard ones. A site's short name
 * (slug) is stored with every close-up taken there, so it cannot be changed once saved; removing a
 * site only stops offering it.
 */
export function ScalpSitesSection() {
  const sites = useCustomSites();
  return (
    <section aria-labelledby="scalp-sites-heading" className="settings-section">
      <h2 id="scalp-sites-heading">Close-up sites</h2>
      <p className="muted">
        Close-ups are compared site by site. The standard sites are{' '}
        {SCALP_SITES.map((s) => SITE_LABELS[s] ?? s).join(', ')}. Add your own, for example a transplant
        recipient area, and place it on the scalp diagram so staff take it in the same spot each time.
      </p>
      {sites.isPending && <Loading />}
      {sites.error && <ErrorState error={sites.error} />}
      {sites.data && <ScalpSitesForm initial={sites.data} />}
    </section>
  );
}

type Draft = CustomScalpSite & { saved: boolean };

function ScalpSitesForm({ initial }: { initial: CustomScalpSite[] }) {
  const qc = useQueryClient();
  const [rows, setRows] = useState<Draft[]>(initial.map((s) => ({ ...s, saved: true })));
  const save = useAdminSave(
    (body: CustomScalpSite[]) => api.put<CustomScalpSite[]>('/api/admin/scalp-sites', body),
    async (saved) => {
      setRows(saved.map((s) => ({ ...s, saved: true })));
      await qc.invalidateQueries({ queryKey: ['scalp-sites'] });
    },
  );
  const e = fieldErrorsOf(save.error);
  const set = (i: number, patch: Partial<Draft>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      className="card"
      aria-label="Close-up sites"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(rows.map(({ slug, label, zone }) => ({ slug, label, zone })));
      }}
    >
      {rows.length === 0 && <p className="muted">No sites of your own yet.</p>}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and only removed explicitly
        <fieldset key={i} className="row site-row">
          <legend className="visually-hidden">Site {i + 1}</legend>
          <Field
            label="Name"
            value={r.label}
            onChange={(ev) =>
              set(i, { label: ev.target.value, ...(r.saved ? {} : { slug: slugOf(ev.target.value) }) })
            }
            error={e[`${i}.label`]}
            required
          />
          <Field
            label="Short name"
            value={r.slug}
            readOnly={r.saved}
            onChange={(ev) => set(i, { slug: ev.target.value })}
            hint={
              r.saved ? 'Stored with every close-up taken here; it cannot change.' : 'Lowercase, with dashes.'
            }
            error={e[`${i}.slug`]}
            required
          />
          <SelectField
            label="On the scalp diagram"
            value={r.zone ?? ''}
            onChange={(ev) => set(i, { zone: (ev.target.value || null) as ScalpZone | null })}
            error={e[`${i}.zone`]}
          >
            <option value="">Not shown</option>
            {SCALP_ZONES.map((z) => (
              <option key={z} value={z}>
                {SCALP_ZONE_LABELS[z]}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="btn secondary small"
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            Remove<span className="visually-hidden"> {r.label || `site ${i + 1}`}</span>
          </button>
        </fieldset>
      ))}
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Close-up sites saved. Staff can choose them when they take a close-up.
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn secondary"
          onClick={() => setRows([...rows, { slug: '', label: '', zone: null, saved: false }])}
        >
          Add a site
        </button>
        <button type="submit" className="btn" disabled={save.isPending}>
          Save close-up sites
        </button>
      </div>
    </form>
  );
}
