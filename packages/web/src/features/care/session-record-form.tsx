import type { NewSession, Plan, SessionPreparation, SessionRecord } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, SelectField, TextAreaField } from '../../components/ui/field';
import { ApiError, api } from '../../lib/api-client';
import { fmtDate, zoneName } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';
import { useMe } from '../auth/use-me';
import { useEditSession, useRecordSession } from './care-api';
import { CARE_TREATMENTS, fromZoneInput, toZoneInput, treatmentName } from './care-format';
import { InjectionMapEditor } from './injection-map-editor';
import type { InjectionMapValue } from './scalp-diagram';
import { fromInjectionMap, toInjectionMap } from './scalp-diagram';

interface Provider {
  id: string;
  name: string;
  credentials: string | null;
  userId: string | null;
}

type PrepFields = Record<string, string>;

function buildPreparation(treatment: string, f: PrepFields): SessionPreparation | undefined {
  const num = (k: string) => Number(f[k] ?? '');
  if (treatment === 'prp' && (f.bloodDrawnMl || f.spinProtocol || f.finalVolumeMl)) {
    return {
      kind: 'prp',
      bloodDrawnMl: num('bloodDrawnMl'),
      spinProtocol: f.spinProtocol ?? '',
      finalVolumeMl: num('finalVolumeMl'),
    };
  }
  if (treatment === 'adipose-derived-cell-therapy' && (f.harvestSite || f.harvestVolumeMl)) {
    return { kind: 'adipose', harvestSite: f.harvestSite ?? '', harvestVolumeMl: num('harvestVolumeMl') };
  }
  if (treatment === 'exosomes' && (f.product || f.dose)) {
    return { kind: 'exosome', product: f.product ?? '', dose: f.dose ?? '' };
  }
  if (f.description) return { kind: 'other', description: f.description };
  return undefined;
}

const PREP_FIELDS: Record<string, [string, string, 'number' | 'text'][]> = {
  prp: [
    ['bloodDrawnMl', 'Blood drawn (mL)', 'number'],
    ['spinProtocol', 'Spin protocol', 'text'],
    ['finalVolumeMl', 'Final PRP volume (mL)', 'number'],
  ],
  'adipose-derived-cell-therapy': [
    ['harvestSite', 'Harvest site', 'text'],
    ['harvestVolumeMl', 'Harvest volume (mL)', 'number'],
  ],
  exosomes: [
    ['product', 'Exosome product', 'text'],
    ['dose', 'Dose', 'text'],
  ],
};

/** The preparation of a stored record as the form's text fields. */
function prepFields(p: SessionRecord['preparation']): PrepFields {
  if (!p) return {};
  const { kind: _kind, ...rest } = p;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === undefined ? '' : String(v)]));
}

/** The settings a new session takes over from the previous one of the same treatment. */
function carried(s: SessionRecord | undefined) {
  return {
    // Lot numbers change from vial to vial: the names carry over, each lot is entered again.
    products: s?.products.length
      ? s.products.map((p) => ({ name: p.name, lot: '' }))
      : [{ name: '', lot: '' }],
    prep: prepFields(s?.preparation ?? null),
    anaesthesia: s?.anaesthesia ?? '',
    map: s ? fromInjectionMap(s.injectionMap) : {},
  };
}

/**
 * Records a session, or edits a draft (`editing`; a signed record never reaches this form). A new
 * session of a treatment done before starts from the previous session's settings (`previous`), shown
 * as such and saved only once the clinician confirms they checked them.
 */
export function SessionRecordForm({
  patientId,
  plans,
  onDone,
  editing,
  previous = [],
}: {
  patientId: string;
  plans: Plan[];
  onDone: () => void;
  editing?: SessionRecord;
  /** Earlier sessions, newest first: the latest of the chosen treatment is the prefill. */
  previous?: readonly SessionRecord[];
}) {
  const { data: me } = useMe();
  const providers = useQuery({
    queryKey: ['care-providers'],
    queryFn: () => api.get<Provider[]>('/api/care/providers'),
  });
  const openPlans = plans.filter((p) => p.status === 'active' || p.status === 'proposed');
  const [planId, setPlanId] = useState(editing ? (editing.planId ?? '') : (openPlans[0]?.id ?? ''));
  const [treatment, setTreatmentState] = useState(
    editing?.treatmentSlug ?? openPlans[0]?.treatmentSlug ?? 'prp',
  );
  const [providerId, setProviderId] = useState(editing?.providerId ?? '');
  const lastOf = (slug: string) => previous.find((s) => s.treatmentSlug === slug && s.id !== editing?.id);
  const [source, setSource] = useState<SessionRecord | undefined>(() =>
    editing ? undefined : lastOf(treatment),
  );
  const [carryChecked, setCarryChecked] = useState(false);
  // Clinic time, whatever zone this browser is in: the chart and calendar show clinic time too.
  const timeZone = useClinicInfo().data?.timeZone;
  const [editedAt, setPerformedAt] = useState<string | null>(
    editing && timeZone ? toZoneInput(editing.performedAt, timeZone) : null,
  );
  const performedAt = editedAt ?? (timeZone ? toZoneInput(Date.now(), timeZone) : '');
  const [atError, setAtError] = useState<string | undefined>();
  const start = editing
    ? {
        products: editing.products.length ? editing.products : [{ name: '', lot: '' }],
        prep: prepFields(editing.preparation),
        anaesthesia: editing.anaesthesia ?? '',
        map: fromInjectionMap(editing.injectionMap),
      }
    : carried(source);
  const [products, setProducts] = useState(start.products);
  const [prep, setPrep] = useState<PrepFields>(start.prep);
  const [anaesthesia, setAnaesthesia] = useState(start.anaesthesia);
  const [map, setMap] = useState<InjectionMapValue>(start.map);
  const [notes, setNotes] = useState(editing?.notes ?? '');
  const applyCarry = (s: SessionRecord | undefined) => {
    const c = carried(s);
    setSource(s);
    setCarryChecked(false);
    setProducts(c.products);
    setPrep(c.prep);
    setAnaesthesia(c.anaesthesia);
    setMap(c.map);
  };
  const setTreatment = (slug: string) => {
    setTreatmentState(slug);
    if (!editing) applyCarry(lastOf(slug));
  };
  const create = useRecordSession(patientId);
  const edit = useEditSession(patientId);
  const record = editing ? edit : create;
  const myProvider = providers.data?.find((p) => p.userId === me?.id)?.id;
  const chosenProvider = providerId || myProvider || providers.data?.[0]?.id || '';
  const errors = record.error instanceof ApiError ? record.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!timeZone) return;
    const at = fromZoneInput(performedAt, timeZone);
    if (at === null) {
      setAtError(`This time does not exist in clinic time (${zoneName(timeZone)}): the clocks skip it.`);
      return;
    }
    setAtError(undefined);
    const body: NewSession = {
      ...(planId ? { planId } : {}),
      providerId: chosenProvider,
      treatmentSlug: treatment,
      performedAt: at,
      products: products.filter((p) => p.name.trim() || p.lot.trim()),
      ...(buildPreparation(treatment, prep) ? { preparation: buildPreparation(treatment, prep) } : {}),
      ...(anaesthesia.trim() ? { anaesthesia } : {}),
      injectionMap: toInjectionMap(map),
      ...(notes.trim() ? { notes } : {}),
    };
    if (editing) {
      const { planId: _p, treatmentSlug: _t, ...patch } = body;
      // Emptied text fields are sent as empty, which clears them.
      edit.mutate({ ...patch, _sid: editing.id, anaesthesia, notes }, { onSuccess: onDone });
    } else create.mutate(body, { onSuccess: onDone });
  };
  const headingId = editing ? `edit-session-${editing.id}` : 'record-session-heading';

  return (
    <form className="card" onSubmit={submit} aria-labelledby={headingId}>
      <h2 id={headingId}>{editing ? 'Edit draft session' : 'Record a session'}</h2>
      {source && (
        <div className="alert info" role="note" data-testid="carried-over">
          <p>
            Products, preparation, anaesthesia and injection map are taken over from the{' '}
            {treatmentName(source.treatmentSlug)} session on {fmtDate(source.performedAt, timeZone)}. Lot
            numbers are left empty: enter this session’s lots.
          </p>
          <label className="row">
            <input
              type="checkbox"
              checked={carryChecked}
              onChange={(e) => setCarryChecked(e.target.checked)}
            />
            I checked the settings taken over from the previous session
          </label>
          <button type="button" className="btn secondary small" onClick={() => applyCarry(undefined)}>
            Start with empty settings instead
          </button>
        </div>
      )}
      <div className="grid">
        <SelectField
          label="Plan"
          value={planId}
          disabled={!!editing}
          onChange={(e) => {
            setPlanId(e.target.value);
            const p = plans.find((x) => x.id === e.target.value);
            if (p && p.treatmentSlug !== treatment) setTreatment(p.treatmentSlug);
          }}
        >
          <option value="">Not part of a plan</option>
          {openPlans.map((p) => (
            <option key={p.id} value={p.id}>
              {treatmentName(p.treatmentSlug)} — {p.progress.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Treatment"
          value={treatment}
          onChange={(e) => setTreatment(e.target.value)}
          disabled={!!planId || !!editing}
        >
          {CARE_TREATMENTS.map((t) => (
            <option key={t} value={t}>
              {treatmentName(t)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Provider" value={chosenProvider} onChange={(e) => setProviderId(e.target.value)}>
          {providers.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.credentials ? `, ${p.credentials}` : ''}
            </option>
          ))}
        </SelectField>
        <Field
          label="Date and time"
          type="datetime-local"
          value={performedAt}
          onChange={(e) => setPerformedAt(e.target.value)}
          hint={timeZone ? `Clinic time (${zoneName(timeZone)})` : undefined}
          error={atError ?? errors.performedAt}
          required
        />
      </div>

      <fieldset>
        <legend>Products and lot numbers</legend>
        {products.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <div className="row" key={i}>
            <Field
              label={`Product ${i + 1}`}
              value={p.name}
              onChange={(e) =>
                setProducts(products.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
              }
            />
            <Field
              label={`Lot number ${i + 1}`}
              value={p.lot}
              onChange={(e) =>
                setProducts(products.map((x, j) => (j === i ? { ...x, lot: e.target.value } : x)))
              }
            />
          </div>
        ))}
        <button
          type="button"
          className="btn secondary small"
          onClick={() => setProducts([...products, { name: '', lot: '' }])}
        >
          Add a product
        </button>
      </fieldset>

      <fieldset>
        <legend>Preparation</legend>
        <div className="grid">
          {(PREP_FIELDS[treatment] ?? [['description', 'Preparation details', 'text']]).map(
            ([key, label, type]) => (
              <Field
                key={key}
                label={label}
                type={type}
                step={type === 'number' ? 0.5 : undefined}
                min={type === 'number' ? 0 : undefined}
                value={prep[key] ?? ''}
                onChange={(e) => setPrep({ ...prep, [key]: e.target.value })}
              />
            ),
          )}
        </div>
        {errors['preparation.kind'] && <p className="error">{errors['preparation.kind']}</p>}
      </fieldset>

      <Field label="Anaesthesia" value={anaesthesia} onChange={(e) => setAnaesthesia(e.target.value)} />

      <InjectionMapEditor value={map} onChange={setMap} />

      <TextAreaField label="Notes" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
      {record.error && (
        <div className="alert error" role="alert">
          {record.error.message}
        </div>
      )}
      <div className="row">
        <button
          type="submit"
          className="btn"
          disabled={record.isPending || !chosenProvider || !timeZone || (!!source && !carryChecked)}
        >
          {record.isPending ? 'Saving…' : editing ? 'Save draft' : 'Save as draft'}
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
