import type { Me } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ApiError, api } from '../../lib/api-client';
import { SignedInNotice } from './signed-in-notice';

export function RegisterPage() {
  usePageMeta('Create an account', 'Create a patient account to book, track progress and see your records.');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const qc = useQueryClient();
  const navigate = useNavigate();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFields({});
    try {
      const me = await api.post<Me>('/api/auth/register', {
        name: form.get('name'),
        email: form.get('email'),
        password: form.get('password'),
      });
      qc.setQueryData(['me'], me);
      navigate('/portal', { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        const byField = err.fieldErrors();
        setFields(byField);
        // Field problems are shown next to each field; the summary only points to them.
        setError(Object.keys(byField).length > 0 ? 'Please correct the fields marked below.' : err.message);
      } else setError('Could not reach the server. Please try again.');
    }
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
