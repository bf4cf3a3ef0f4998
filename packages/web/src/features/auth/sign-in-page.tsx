import type { Me } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ActionMessage } from '../../components/ui/states';
import { ApiError, api } from '../../lib/api-client';
import { SignedInNotice } from './signed-in-notice';
import { homeFor } from './use-me';

export function SignInPage() {
  usePageMeta('Sign in', 'Sign in to your Anagen patient portal or staff area.');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const totp = form.get('totp');
      const me = await api.post<Me>('/api/auth/login', {
        email: form.get('email'),
        password: form.get('password'),
        // Asked for after the server answers TOTP_REQUIRED; without it a staff member with
        // two-step sign-in on could never get in.
        ...(typeof totp === 'string' && totp ? { totp: totp.trim() } : {}),
      });
      qc.setQueryData(['me'], me);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : homeFor(me), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedsCode(true);
        setError('Two-step sign-in is on for this account: enter the code from your authenticator app.');
      } else
        setError(err instanceof ApiError ? err.message : 'Could not reach the server. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ maxWidth: 420 }}>
      <h1>Sign in</h1>
      <SignedInNotice />
      {error && <ActionMessage kind="error">{error}</ActionMessage>}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {needsCode && (
          <Field
            label="Authentication code"
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            hint="6 digits from your authenticator app."
            required
          />
        )}
        <button className="btn" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p style={{ marginTop: 16 }}>
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p className="muted">
        New here? <Link to="/register">Create a patient account</Link>.
      </p>
    </div>
  );
}
