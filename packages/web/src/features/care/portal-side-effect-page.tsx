import type { SideEffectResponse } from '@anagen/core/contracts';
import {
  SIDE_EFFECT_SYMPTOMS,
  type SideEffectSymptom,
  SYMPTOM_LABELS,
  URGENT_SYMPTOMS,
} from '@anagen/core/triage';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError } from '../../lib/api-client';
import { fmtDate } from '../../lib/clinic-time';
import { useFocusFirstInvalid } from '../../lib/form-errors';
import { useMe } from '../auth/use-me';
import { useReportSideEffect, useSessions } from './care-api';
import { toLocalInput, treatmentName } from './care-format';
import { SideEffectAdvice } from './side-effect-advice';

// The symptoms that make a report urgent on their own come first (emergencies at the top), so
// nobody has to scroll to find them; the order comes from the triage rules themselves.
const ORDER: SideEffectSymptom[] = [
  ...URGENT_SYMPTOMS,
  ...SIDE_EFFECT_SYMPTOMS.filter((s) => !URGENT_SYMPTOMS.includes(s)),
];

export function PortalSideEffectPage() {
  usePageMeta('Report a side effect');
  const { data: me } = useMe();
  const patientId = me?.patientId ?? '';
  const sessions = useSessions(me?.patientId);
  const report = useReportSideEffect(patientId);
  const [symptoms, setSymptoms] = useState<SideEffectSymptom[]>([]);
  const [severity, setSeverity] = useState(3);
  const [onset, setOnset] = useState(() => toLocalInput(Date.now()));
  const [sessionId, setSessionId] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<SideEffectResponse | null>(null);
  const adviceRef = useRef<HTMLDivElement>(null);
  const errors = report.error instanceof ApiError ? report.error.fieldErrors() : {};
  useFocusFirstInvalid(report.error);

  useEffect(() => {
    if (result) adviceRef.current?.querySelector<HTMLElement>('section')?.focus();
  }, [result]);

  const toggle = (s: SideEffectSymptom) =>
    setSymptoms(symptoms.includes(s) ? symptoms.filter((x) => x !== s) : [...symptoms, s]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate(
      {
        symptoms,
        severity,
        onsetAt: new Date(onset).getTime(),
        ...(sessionId ? { sessionId } : {}),
        ...(note.trim() ? { note } : {}),
      },
      { onSuccess: (r) => setResult(r) },
    );
  };

  if (result) {
    return (
      <>
        <h1>Report a side effect</h1>
        <div ref={adviceRef}>
          <SideEffectAdvice advice={result.advice} />
        </div>
        <Link to="/portal" className="btn secondary">
          Back to your portal
        </Link>
      </>
    );
  }

  return (
    <>
      <h1>Report a side effect</h1>
      <div className="alert info">
        If you have trouble breathing, chest pain, swelling of your face or lips, sudden changes in your
        vision, or signs of a stroke (face drooping, arm weakness, slurred speech), call emergency services
        (911) now — do not wait to fill in this form. If you have thoughts of harming yourself, call or text
        988.
      </div>
      <form onSubmit={submit} className="card">
        <fieldset>
          <legend>What are you noticing? Tick all that apply.</legend>
          {errors.symptoms && <p className="error">{errors.symptoms}</p>}
          <div className="symptom-list">
            {ORDER.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" checked={symptoms.includes(s)} onChange={() => toggle(s)} />
                <span>{SYMPTOM_LABELS[s]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="se-severity">How bad is it? {severity} out of 10</label>
          <input
            id="se-severity"
            type="range"
            min={0}
            max={10}
            step={1}
            value={severity}
            onChange={(e) => setSeverity(Number(e.target.value))}
            aria-valuetext={`${severity} out of 10`}
          />
          <span className="hint">0 = barely noticeable, 10 = the worst you can imagine.</span>
        </div>
        <div className="field">
          <label htmlFor="se-onset">When did it start?</label>
          <input
            id="se-onset"
            type="datetime-local"
            value={onset}
            onChange={(e) => setOnset(e.target.value)}
            required
          />
          {errors.onsetAt && <span className="error">{errors.onsetAt}</span>}
        </div>
        <div className="field">
          <label htmlFor="se-session">Which treatment session was it after?</label>
          <select id="se-session" value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
            <option value="">Not sure / not related to a session</option>
            {sessions.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {treatmentName(s.treatmentSlug)}, {fmtDate(s.performedAt)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="se-note">Anything else we should know? (optional)</label>
          <textarea id="se-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {report.error && (
          <div className="alert error" role="alert">
            {report.error.message}
          </div>
        )}
        <button type="submit" className="btn" disabled={symptoms.length === 0 || report.isPending}>
          {report.isPending ? 'Sending…' : 'Send report'}
        </button>
      </form>
    </>
  );
}
