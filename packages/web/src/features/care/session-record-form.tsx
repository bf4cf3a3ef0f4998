import type { NewSession, Plan, SessionPreparation } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, SelectField, TextAreaField } from '../../components/ui/field';
import { ApiError, api } from '../../lib/api-client';
import { useClinicInfo } from '../../lib/use-clinic';
import { useMe } from '../auth/use-me';
import { zoneName } from '../booking/time';
import { useRecordSession } from './care-api';
import { CARE_TREATMENTS, fromZoneInput, toZoneInput, treatmentName } from './care-format';
import { InjectionMapEditor } from './injection-map-editor';
import type { InjectionMapValue } from './scalp-diagram';
import { toInjectionMap } from './scalp-diagram';

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

export function SessionRecordForm({
  patientId,
  plans,
  onDone,
}: {
  patientId: string;
  plans: Plan[];
  onDone: () => void;
}) {
  const { data: me } = useMe();
  const providers = useQuery({
    queryKey: ['care-providers'],
    queryFn: () => api.get<Provider[]>('/api/care/providers'),
  });
  const openPlans = plans.filter((p) => p.status === 'active' || p.status === 'proposed');
  const [planId, setPlanId] = useState(openPlans[0]?.id ?? '');
  const [treatment, setTreatment] = useState(openPlans[0]?.treatmentSlug ?? 'prp');
  const [providerId, setProviderId] = useState('');
  // Clinic time, whatever zone this browser is in: the chart and calendar show clinic time too.
  const timeZone = useClinicInfo().data?.timeZone;
  const [editedAt, setPerformedAt] = useState<string | null>(null);
  const performedAt = editedAt ?? (timeZone ? toZoneInput(Date.now(), timeZone) : '');
  const [atError, setAtError] = useState<string | undefined>();
  const [products, setProducts] = useState([{ name: '', lot: '' }]);
  const [prep, setPrep] = useState<PrepFields>({});
  const [anaesthesia, setAnaesthesia] = useState('');
  const [map, setMap] = useState<InjectionMapValue>({});
  const [notes, setNotes] = useState('');
  const record = useRecordSession(patientId);
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
    record.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="record-session-heading">
      <h2 id="record-session-heading">Record a session</h2>
      <div className="grid">
        <SelectField
          label="Plan"
          value={planId}
          onChange={(e) => {
            setPlanId(e.target.value);
            const p = plans.find((x) => x.id === e.target.value);
            if (p) setTreatment(p.treatmentSlug);
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
          disabled={!!planId}
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
        <button type="submit" className="btn" disabled={record.isPending || !chosenProvider || !timeZone}>
          {record.isPending ? 'Saving…' : 'Save as draft'}
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
