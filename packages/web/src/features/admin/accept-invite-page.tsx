import type { Me } from '@anagen/core/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { api } from '../../lib/api-client';
import { homeFor } from '../auth/use-me';
import { fieldErrorsOf, SaveError } from './form-bits';

/** Where an invitation or password-reset link lands: choose a password, then go to your area. */
export function AcceptInvitePage() {
  usePageMeta('Choose your password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const accept = useMutation({
    mutationFn: () => api.post<Me>('/api/auth/accept-invite', { token, password }),
    onSuccess: (me) => {
      qc.setQueryData(['me'], me);
      navigate(homeFor(me));
    },
  });
  const e = fieldErrorsOf(accept.error);
  if (!token) {
    return (
      <>
        <h1>Choose your password</h1>
        <p className="alert error" role="alert">
          This page needs the link from your email. Open the link again, or ask an administrator for a new
          one.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choose your password</h1>
      <form
        className="card"
        style={{ maxWidth: 480 }}
        onSubmit={(ev) => {
          ev.preventDefault();
          setMismatch(password !== repeat);
          if (password === repeat) accept.mutate();
        }}
      >
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
        <SaveError error={accept.error} />
        <button type="submit" className="btn" disabled={accept.isPending}>
          Set password and sign in
        </button>
      </form>
    </>
  );
}
