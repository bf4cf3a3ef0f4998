import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError, api } from '../../lib/api-client';
import { ChangePasswordForm } from '../account/change-password-form';

/** Staff account: change the password; turn two-step sign-in (TOTP) on or off. */
export function StaffAccountPage() {
  usePageMeta('My account');
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const qc = useQueryClient();
  const totp = useQuery({
    queryKey: ['totp-status'],
    queryFn: () => api.get<{ enabled: boolean }>('/api/auth/totp'),
  });
  const enabled = totp.data?.enabled;

  async function start() {
    setMessage(null);
    try {
      setSetup(await api.post('/api/auth/totp/setup'));
    } catch (err) {
      setMessage({
        kind: 'error',
        text: err instanceof ApiError ? err.message : 'Could not start the set-up.',
      });
    }
  }

  async function submit(e: FormEvent<HTMLFormElement>, action: 'enable' | 'disable') {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code') ?? '');
    try {
      await api.post(`/api/auth/totp/${action}`, { code });
      setSetup(null);
      qc.setQueryData(['totp-status'], { enabled: action === 'enable' });
      setMessage({
        kind: 'ok',
        text: action === 'enable' ? 'Two-step sign-in is on.' : 'Two-step sign-in is off.',
      });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : 'Something went wrong.' });
    }
  }

  return (
    <div style={{ maxWidth: 560 }}>
      <h1>My account</h1>
      <section className="card" aria-labelledby="staff-password">
        <h2 id="staff-password">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card">
        <h2>Two-step sign-in</h2>
        <p>
          Staff accounts can see patient records, so we recommend a second step: a 6-digit code from an
          authenticator app on your phone each time you sign in.
        </p>
        {message && (
          <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </div>
        )}
        {enabled !== undefined && (
          <p>
            <strong>{enabled ? 'Two-step sign-in is on' : 'Two-step sign-in is off'}</strong> for your
            account.
          </p>
        )}
        {/* If the status cannot be read, both actions stay available rather than neither. */}
        {!setup && (enabled === false || totp.isError) && (
          <button type="button" className="btn" onClick={start}>
            Set up an authenticator app
          </button>
        )}
        {setup && (
          <form onSubmit={(e) => submit(e, 'enable')}>
            <p>In your authenticator app, add an account with this key (or open the link on your phone):</p>
            <p>
              <code style={{ fontSize: 18, letterSpacing: 2 }}>{setup.secret}</code>
            </p>
            <p className="small">
              <a href={setup.otpauthUri}>Open in authenticator app</a>
            </p>
            <Field
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
            />
            <button type="submit" className="btn">
              Turn on
            </button>
          </form>
        )}
        {(enabled || totp.isError) && (
          <details style={{ marginTop: 16 }}>
            <summary>Turn two-step sign-in off</summary>
            <form onSubmit={(e) => submit(e, 'disable')}>
              <Field
                label="Current code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
              />
              <button type="submit" className="btn secondary">
                Turn off
              </button>
            </form>
          </details>
        )}
      </section>
    </div>
  );
}
