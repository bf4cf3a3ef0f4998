import type { RegisterResponse } from '@anagen/core/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError, api } from '../../lib/api-client';
import { SignedInNotice } from './signed-in-notice';

export function RegisterPage() {
  usePageMeta('Create an account', 'Create a patient account to book, track progress and see your records.');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ email: string; detail: string } | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFields({});
    try {
      const email = String(form.get('email') ?? '');
      const res = await api.post<RegisterResponse>('/api/auth/register', {
        name: form.get('name'),
        email,
        password: form.get('password'),
      });
      // The same answer comes whether or not the address already had an account: the mail says which.
      setSent({ email, detail: res.detail });
    } catch (err) {
      if (err instanceof ApiError) {
        const byField = err.fieldErrors();
        setFields(byField);
        // Field problems are shown next to each field; the summary only points to them.
        setError(Object.keys(byField).length > 0 ? 'Please correct the fields marked below.' : err.message);
      } else setError('Could not reach the server. Please try again.');
    }
  }

  if (sent) {
    return (
      <div style={{ maxWidth: 420 }}>
        <h1>Check your email</h1>
        <p role="status">
          We sent a message to <strong>{sent.email}</strong>. {sent.detail}
        </p>
        <p>
          Until you open the link, your account shows only what you add to it yourself. You can{' '}
          <Link to="/sign-in">sign in</Link> now.
        </p>
      </div>
    );
  }

  return (
    <div style={{ maxWidth: 420 }}>
      <h1>Create a patient account</h1>
      <SignedInNotice />
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Full name" name="name" autoComplete="name" required error={fields.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          error={fields.password}
        />
        <button className="btn" type="submit">
          Create account
        </button>
      </form>
    </div>
  );
}
