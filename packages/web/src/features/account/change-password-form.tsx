import { type FormEvent, useState } from 'react';
import { Field } from '../../components/ui/field';
import { ApiError, api } from '../../lib/api-client';

/** Change your own password (any signed-in user). Other signed-in devices are signed out. */
export function ChangePasswordForm() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    const confirm = String(data.get('confirmPassword') ?? '');
    setMessage(null);
    if (newPassword !== confirm) {
      setErrors({ confirmPassword: 'The two new passwords are not the same.' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await api.post<{ otherSessionsEnded: number }>('/api/auth/change-password', {
        currentPassword,
        newPassword,
      });
      form.reset();
      const others =
        res.otherSessionsEnded === 0
          ? ''
          : ` ${res.otherSessionsEnded === 1 ? 'One other device was' : `${res.otherSessionsEnded} other devices were`} signed out.`;
      setMessage({ kind: 'ok', text: `Your password was changed.${others}` });
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        setErrors(fields);
        if (Object.keys(fields).length === 0) setMessage({ kind: 'error', text: err.message });
      } else setMessage({ kind: 'error', text: 'Could not change the password. Please try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {message && (
        <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Other devices where you are signed in will be signed out."
        required
        minLength={10}
        maxLength={200}
        error={errors.newPassword}
      />
      <Field
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
