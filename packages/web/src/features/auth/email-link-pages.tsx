import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError, api } from '../../lib/api-client';
import { fieldErrorsOf, SaveError } from '../admin/form-bits';
import { useMe } from './use-me';

function MissingToken({ title }: { title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="alert error" role="alert">
        This page needs the link from your email. Open the link again, or ask for a new one.
      </p>
    </>
  );
}

/** Where the registration mail's link lands. A button, not an automatic request: mail scanners open links too. */
export function VerifyEmailPage() {
  usePageMeta('Confirm your email');
  const token = useSearchParams()[0].get('token') ?? '';
  const verify = useMutation({ mutationFn: () => api.post('/api/auth/verify-email', { token }) });
  if (!token) return <MissingToken title="Confirm your email" />;
  return (
    <div style={{ maxWidth: 480 }}>
      <h1>Confirm your email</h1>
      {verify.isSuccess ? (
        <p role="status">
          Thank you: your email is confirmed. <Link to="/sign-in">Sign in</Link> to continue.
        </p>
      ) : (
        <>
          <p>Confirm only if you created this account yourself.</p>
          <SaveError error={verify.error} />
          <button type="button" className="btn" disabled={verify.isPending} onClick={() => verify.mutate()}>
            Confirm my email
          </button>
        </>
      )}
    </div>
  );
}

export function ForgotPasswordPage() {
  usePageMeta('Forgot password', 'Get a link by email to choose a new password.');
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => api.post<{ detail: string }>('/api/auth/password-reset/request', { email }),
  });
  const e = fieldErrorsOf(request.error);
  return (
    <div style={{ maxWidth: 420 }}>
      <h1>Forgot your password?</h1>
      {request.isSuccess ? (
        <p role="status">{request.data.detail}</p>
      ) : (
        <form
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            request.mutate();
          }}
        >
          <p>Enter the email of your account. We will send you a link to choose a new password.</p>
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(ev) => setEmail(ev.target.value)}
            error={e.email}
            required
          />
          <SaveError error={request.error} />
          <button type="submit" className="btn" disabled={request.isPending}>
            Send me a link
          </button>
        </form>
      )}
      <p style={{ marginTop: 16 }}>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}

/** Sets a new password from the mailed link. Never signs in: the person signs in next, with their second step if on. */
export function ResetPasswordPage() {
  usePageMeta('Choose a new password');
  const token = useSearchParams()[0].get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: () =>
      api.post('/api/auth/password-reset', {
        token,
        password,
        ...(totp.trim() ? { totp: totp.trim() } : {}),
      }),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') setNeedsCode(true);
    },
  });
  const e = fieldErrorsOf(reset.error);
  if (!token) return <MissingToken title="Choose a new password" />;
  if (reset.isSuccess) {
    return (
      <div style={{ maxWidth: 480 }}>
        <h1>Password changed</h1>
        <p role="status">
          Your password is changed and every device that was signed in has been signed out.{' '}
          <Link to="/sign-in">Sign in</Link> with your new password.
        </p>
      </div>
    );
  }
  function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat) reset.mutate();
  }
  return (
    <div style={{ maxWidth: 480 }}>
      <h1>Choose a new password</h1>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          value={password}
          onChange={(ev) => setPassword(ev.target.value)}
          error={e.password}
          required
        />
        <Field
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(ev) => setRepeat(ev.target.value)}
          error={mismatch ? 'The two passwords differ' : undefined}
          required
        />
        {needsCode && (
          <Field
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            hint="Two-step sign-in is on for this account: 6 digits from your authenticator app."
            value={totp}
            onChange={(ev) => setTotp(ev.target.value)}
            error={e.totp}
            required
          />
        )}
        <SaveError error={reset.error} />
        <button type="submit" className="btn" disabled={reset.isPending}>
          Set new password
        </button>
      </form>
    </div>
  );
}

/** Adds a guest booking made with your email to your records: needs the link and your sign-in. */
export function ClaimBookingPage() {
  usePageMeta('Add a booking to your records');
  const token = useSearchParams()[0].get('token') ?? '';
  const { data: me, isLoading } = useMe();
  const claim = useMutation({ mutationFn: () => api.post('/api/auth/claim-booking', { token }) });
  if (!token) return <MissingToken title="Add a booking to your records" />;
  const here = `/claim-booking?token=${encodeURIComponent(token)}`;
  return (
    <div style={{ maxWidth: 480 }}>
      <h1>Add a booking to your records</h1>
      {isLoading ? null : me?.role !== 'patient' ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link> with the account of this email
          first, then come back to this link.
        </p>
      ) : claim.isSuccess ? (
        <p role="status">
          Done: the booking is now in your records.{' '}
          <Link to="/portal/appointments">See your appointments</Link>.
        </p>
      ) : (
        <>
          <p>Only do this if you made the booking yourself.</p>
          <SaveError error={claim.error} />
          <button type="button" className="btn" disabled={claim.isPending} onClick={() => claim.mutate()}>
            Add it to my records
          </button>
        </>
      )}
    </div>
  );
}
