import {
  DIAGNOSIS_SCALES,
  DIAGNOSIS_STAGES,
  LOSS_TYPES,
  type NewPlan,
  type Plan,
  type SeriesProposalDto,
  type SlotDto,
} from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, SelectField, TextAreaField } from '../../components/ui/field';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import {
  type BookedSession,
  bookPlanSeries,
  planSessionsRemaining,
  proposePlanSeries,
  SERIES_FIRST_DATE_OFFSET_MS,
  TREATMENT_APPOINTMENT_TYPES,
} from './book-series';
import { useCreateDiagnosis, useCreatePlan, useDiagnoses, usePlans, useUpdatePlan } from './care-api';
import { CARE_TREATMENTS, lossTypeLabel, scaleLabel, stageLabel, treatmentName } from './care-format';
import { ConsentWarning } from './consent-warning';

function PlanForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const create = useCreatePlan(patientId);
  const [f, setF] = useState({
    treatmentSlug: 'prp',
    sessionsPlanned: '3',
    intervalWeeks: '4',
    maintenance: '16',
    goal: '',
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NewPlan = {
      treatmentSlug: f.treatmentSlug,
      sessionsPlanned: Number(f.sessionsPlanned),
      intervalWeeks: Number(f.intervalWeeks),
      ...(f.maintenance ? { maintenanceIntervalWeeks: Number(f.maintenance) } : {}),
      goal: f.goal,
    };
    create.mutate(body, { onSuccess: onDone });
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-plan-heading">
      <h3 id="new-plan-heading">New treatment plan</h3>
      <div className="grid">
        <SelectField label="Treatment" value={f.treatmentSlug} onChange={set('treatmentSlug')}>
          {CARE_TREATMENTS.map((t) => (
            <option key={t} value={t}>
              {treatmentName(t)}
            </option>
          ))}
        </SelectField>
        <Field
          label="Sessions planned"
          type="number"
          min={1}
          max={24}
          value={f.sessionsPlanned}
          onChange={set('sessionsPlanned')}
          error={errors.sessionsPlanned}
          required
        />
        <Field
          label="Weeks between sessions"
          type="number"
          min={1}
          max={52}
          value={f.intervalWeeks}
          onChange={set('intervalWeeks')}
          error={errors.intervalWeeks}
          required
        />
        <Field
          label="Maintenance every (weeks)"
          hint="Leave empty when no maintenance is planned."
          type="number"
          min={1}
          max={104}
          value={f.maintenance}
          onChange={set('maintenance')}
          error={errors.maintenanceIntervalWeeks}
        />
      </div>
      <TextAreaField
        label="Goal"
        rows={2}
        value={f.goal}
        onChange={set('goal')}
        error={errors.goal}
        required
      />
      {create.error && !Object.keys(errors).length && (
        <div className="alert error" role="alert">
          {create.error.message}
        </div>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={create.isPending}>
          Create plan
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function BookSeries({ plan, patientId }: { plan: Plan; patientId: string }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [proposal, setProposal] = useState<SeriesProposalDto | null>(null);
  /** Chosen slot per session: index into [slot, ...alternatives]. */
  const [choice, setChoice] = useState<number[]>([]);
  const [done, setDone] = useState<BookedSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsOverride, setNeedsOverride] = useState(false);
  const [reason, setReason] = useState('');
  const remaining = planSessionsRemaining(plan);
  if (!TREATMENT_APPOINTMENT_TYPES[plan.treatmentSlug] || remaining <= 0) return null;
  const options = (s: SeriesProposalDto['sessions'][number]): SlotDto[] => [
    ...(s.slot ? [s.slot] : []),
    ...s.alternatives,
  ];
  const chosen = proposal ? proposal.sessions.map((s, i) => options(s)[choice[i] ?? 0]) : [];
  const complete = chosen.length > 0 && chosen.every((c) => c !== undefined);

  const propose = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setNeedsOverride(false);
    try {
      const p = await proposePlanSeries(plan, Date.now() + SERIES_FIRST_DATE_OFFSET_MS);
      setProposal(p);
      setChoice(p.sessions.map(() => 0));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not find times.');
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!complete) return;
    setBusy(true);
    setError(null);
    try {
      const booked = await bookPlanSeries(
        plan,
        patientId,
        chosen as SlotDto[],
        needsOverride ? reason.trim() : undefined,
      );
      setDone(booked);
      setProposal(null);
      setNeedsOverride(false);
      await qc.invalidateQueries({ queryKey: ['care', patientId] });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONSULTATION_REQUIRED') setNeedsOverride(true);
      setError(err instanceof Error ? err.message : 'Booking failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button type="button" className="btn secondary" disabled={busy} onClick={propose}>
        Book series ({remaining} {remaining === 1 ? 'session' : 'sessions'}, every {plan.intervalWeeks} weeks)
      </button>
      {proposal && (
        <form onSubmit={confirm} aria-label="Proposed series">
          <p className="muted small">
            Proposed times (clinic time, {proposal.timeZone}). Nothing is reserved until you confirm; all
            sessions are booked together or none.
          </p>
          <ol>
            {proposal.sessions.map((s, i) => {
              const opts = options(s);
              const id = `series-${plan.id}-${i}`;
              return (
                <li key={s.index}>
                  <label htmlFor={id}>
                    Session {i + 1} (around {s.targetDate})
                  </label>{' '}
                  {opts.length === 0 ? (
                    <span className="alert warn">No free time near this date.</span>
                  ) : (
                    <select
                      id={id}
                      value={choice[i] ?? 0}
                      onChange={(e) =>
                        setChoice(choice.map((c, j) => (j === i ? Number(e.target.value) : c)))
                      }
                    >
                      {opts.map((o, k) => (
                        <option key={`${o.start}-${o.providerId}`} value={k}>
                          {fmtDateTime(Date.parse(o.start), proposal.timeZone)}
                        </option>
                      ))}
                    </select>
                  )}
                </li>
              );
            })}
          </ol>
          {needsOverride && (
            <Field
              label="Reason to book before a consultation"
              value={reason}
              minLength={5}
              maxLength={500}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          <div className="row">
            <button type="submit" className="btn" disabled={busy || !complete}>
              {needsOverride ? 'Book series with this reason' : 'Confirm series booking'}
            </button>
            <button type="button" className="btn secondary" disabled={busy} onClick={() => setProposal(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {done && (
        <div className="alert ok" role="status">
          Booked: {done.map((b) => fmtDateTime(Date.parse(b.start), b.timeZone)).join('; ')}
        </div>
      )}
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function DiagnosisHistory({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  const dx = useDiagnoses(patientId);
  const add = useCreateDiagnosis(patientId);
  const [f, setF] = useState({ lossType: 'male-pattern-hair-loss', scale: 'norwood', stage: '', notes: '' });
  return (
    <section className="card" aria-labelledby="dx-heading">
      <h3 id="dx-heading">Diagnosis over time</h3>
      {dx.isPending ? (
        <Loading />
      ) : dx.error ? (
        <ErrorState error={dx.error} title="Could not load the diagnoses" />
      ) : dx.data.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Stage</th>
              <th scope="col">Source</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {dx.data.map((d) => (
              <tr key={d.id}>
                <td>{fmtDate(d.diagnosedAt)}</td>
                <td>{lossTypeLabel(d.lossType)}</td>
                <td>{d.scale === 'none' ? '—' : stageLabel(d.scale, d.stage)}</td>
                <td>{d.source === 'assessment' ? 'Online assessment' : 'Clinician'}</td>
                <td>{d.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          No diagnosis recorded yet. Record the type of hair loss and its stage below; each new entry is kept
          with its date, so the chart shows how it changes.
        </p>
      )}
      {canWrite && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              {
                lossType: f.lossType as never,
                scale: f.scale as never,
                stage: f.scale === 'none' ? '-' : f.stage,
                ...(f.notes ? { notes: f.notes } : {}),
              },
              { onSuccess: () => setF({ ...f, stage: '', notes: '' }) },
            );
          }}
        >
          <SelectField
            label="Loss type"
            value={f.lossType}
            onChange={(e) => setF({ ...f, lossType: e.target.value })}
          >
            {LOSS_TYPES.map((t) => (
              <option key={t} value={t}>
                {lossTypeLabel(t)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Scale"
            value={f.scale}
            onChange={(e) => setF({ ...f, scale: e.target.value, stage: '' })}
          >
            {DIAGNOSIS_SCALES.map((s) => (
              <option key={s} value={s}>
                {scaleLabel(s)}
              </option>
            ))}
          </SelectField>
          {/* The stage is picked from the scale's own stages, as the API requires. */}
          {f.scale === 'salt' ? (
            <Field
              label="SALT (% of scalp without hair)"
              type="number"
              min={0}
              max={100}
              step={1}
              value={f.stage}
              onChange={(e) => setF({ ...f, stage: e.target.value })}
              required
            />
          ) : f.scale !== 'none' ? (
            <SelectField
              label="Stage"
              value={f.stage}
              onChange={(e) => setF({ ...f, stage: e.target.value })}
              required
            >
              <option value="">Choose…</option>
              {DIAGNOSIS_STAGES[f.scale as keyof typeof DIAGNOSIS_STAGES].map((st) => (
                <option key={st} value={st}>
                  {stageLabel(f.scale, st)}
                </option>
              ))}
            </SelectField>
          ) : null}
          <Field label="Notes" value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
          <button type="submit" className="btn secondary small" disabled={add.isPending}>
            Add diagnosis
          </button>
          {add.error && (
            <span className="error" role="alert">
              {add.error.message}
            </span>
          )}
        </form>
      )}
    </section>
  );
}

/** Staff chart: diagnosis history and treatment plans with progress and series booking. */
export function PlansPanel({ patientId }: { patientId: string }) {
  const { data: me } = useMe();
  const plans = usePlans(patientId);
  const update = useUpdatePlan(patientId);
  const [creating, setCreating] = useState(false);
  const canWrite = me?.role === 'clinician';
  const canBook = me?.role !== undefined && me.role !== 'patient';
  if (plans.isPending) return <Loading />;
  if (plans.error) return <ErrorState error={plans.error} title="Could not load plans" />;
  return (
    <section aria-labelledby="plans-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="plans-heading">Treatment plans</h2>
        {canWrite && !creating && (
          <button type="button" className="btn" onClick={() => setCreating(true)}>
            New plan
          </button>
        )}
      </div>
      {creating && <PlanForm patientId={patientId} onDone={() => setCreating(false)} />}
      {plans.data.length === 0 && !creating ? (
        <EmptyState title="No treatment plan yet">
          A plan sets the treatment, number of sessions, interval and goal.
        </EmptyState>
      ) : (
        plans.data.map((p) => (
          <article className="card" key={p.id} aria-labelledby={`plan-${p.id}`}>
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <h3 id={`plan-${p.id}`}>{treatmentName(p.treatmentSlug)}</h3>
              <span className="badge neutral">{p.status}</span>
            </div>
            <p>
              <strong>{p.progress.label}</strong> · {p.sessionsPlanned}{' '}
              {p.sessionsPlanned === 1 ? 'session' : 'sessions'}
              {p.sessionsPlanned > 1 ? `, every ${p.intervalWeeks} weeks` : ''}
              {p.maintenanceIntervalWeeks ? ` · maintenance every ${p.maintenanceIntervalWeeks} weeks` : ''}
            </p>
            <progress
              max={p.sessionsPlanned}
              value={p.progress.completed}
              aria-label={`${p.progress.completed} of ${p.sessionsPlanned} sessions done`}
            />
            <p>Goal: {p.goal}</p>
            {p.maintenanceNote && <p className="muted">{p.maintenanceNote}</p>}
            <p className="muted small">Created {fmtDate(p.createdAt)}</p>
            {(p.status === 'active' || p.status === 'proposed') && (
              <ConsentWarning patientId={patientId} treatmentSlug={p.treatmentSlug} />
            )}
            <div className="row">
              {canBook && p.status === 'active' && <BookSeries plan={p} patientId={patientId} />}
              {canWrite && p.status === 'active' && (
                <button
                  type="button"
                  className="btn secondary small"
                  onClick={() => update.mutate({ _planId: p.id, status: 'completed' })}
                >
                  Mark completed
                </button>
              )}
              {canWrite && p.status === 'active' && (
                <button
                  type="button"
                  className="btn secondary small"
                  onClick={() => update.mutate({ _planId: p.id, status: 'stopped' })}
                >
                  Stop plan
                </button>
              )}
            </div>
          </article>
        ))
      )}
      <DiagnosisHistory patientId={patientId} canWrite={canWrite} />
    </section>
  );
}
