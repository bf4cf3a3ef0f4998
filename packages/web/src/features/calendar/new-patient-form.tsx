import { type NewPatient, newPatientSchema, type Patient } from '@anagen/core/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Field } from '../../components/ui/field';
import { ApiError, api } from '../../lib/api-client';

const EMPTY: NewPatient = { name: '', email: '', phone: '', birthDate: '' };

/**
 * A caller who is not a patient yet: the desk opens the record here and goes on booking. Checked
 * with the same schema the server uses, so a mistake is shown at the field before anything is sent.
 */
export function NewPatientForm({
  initialName,
  onCreated,
  onCancel,
}: {
  initialName: string;
  onCreated: (p: Patient) => void;
  onCancel: () => void;
}) {
  const looksLikeEmail = initialName.includes('@');
  const [v, setV] = useState<NewPatient>({
    ...EMPTY,
    ...(looksLikeEmail ? { email: initialName.trim() } : { name: initialName.trim() }),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const set = (k: keyof NewPatient) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = newPatientSchema.safeParse(v);
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[String(i.path[0])] ??= i.message;
      setErrors(out);
      // The first field with a problem gets focus, so the desk sees what to fix.
      const first = parsed.error.issues[0]?.path[0];
      document.querySelector<HTMLInputElement>(`[data-field="${String(first)}"]`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onCreated(await api.post<Patient>('/api/patients', parsed.data));
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setProblem(err instanceof Error ? err.message : 'Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack new-patient-form" onSubmit={submit} noValidate aria-labelledby="new-patient-h">
      <h3 id="new-patient-h" ref={ref} tabIndex={-1}>
        Add new patient
      </h3>
      {problem && (
        <div className="alert error" role="alert">
          {problem}
        </div>
      )}
      <Field
        label="Full name"
        data-field="name"
        value={v.name}
        onChange={set('name')}
        error={errors.name}
        autoComplete="off"
      />
      <Field
        label="Phone"
        data-field="phone"
        type="tel"
        value={v.phone}
        onChange={set('phone')}
        error={errors.phone}
        hint="To call back about the booking."
      />
      <Field
        label="Date of birth"
        data-field="birthDate"
        type="date"
        value={v.birthDate}
        onChange={set('birthDate')}
        error={errors.birthDate}
        hint="Tells patients with the same name apart."
      />
      <Field
        label="Email"
        data-field="email"
        type="email"
        value={v.email}
        onChange={set('email')}
        error={errors.email}
        hint="Confirmations and reminders are sent here."
      />
      <div className="row">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Saving…' : 'Save and continue booking'}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
