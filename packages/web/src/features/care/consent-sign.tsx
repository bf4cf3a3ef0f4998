import type { ConsentsOverview } from '@anagen/core/contracts';
import { useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useSignConsent } from './care-api';

type Due = ConsentsOverview['due'][number];

/** Read the consent text, tick that you have read it, type your full name, sign. */
export function ConsentSign({ patientId, consent }: { patientId: string; consent: Due }) {
  const sign = useSignConsent(patientId);
  const [agreed, setAgreed] = useState(false);
  const [name, setName] = useState('');
  const errors = sign.error instanceof ApiError ? sign.error.fieldErrors() : {};
  const id = `consent-${consent.id}`;
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{consent.title}</h2>
      <p className="muted small">
        Version {consent.version}
        {consent.reason === 'newer-version'
          ? ' — the clinic updated this form since you last signed it.'
          : ''}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="consent-text" tabIndex={0} aria-label="Consent text">
        {consent.body}
      </section>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (agreed) sign.mutate({ templateId: consent.id, typedName: name, agreed: true });
        }}
      >
        <label className="check">
          <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} required />
          <span>I have read this form, had the chance to ask questions, and agree to the treatment.</span>
        </label>
        <div className="field">
          <label htmlFor={`${id}-name`}>Type your full name to sign</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            aria-invalid={errors.typedName ? true : undefined}
            aria-describedby={errors.typedName ? `${id}-name-error` : undefined}
            required
          />
          {errors.typedName && (
            <span id={`${id}-name-error`} className="error">
              {errors.typedName}
            </span>
          )}
        </div>
        {sign.error && !errors.typedName && (
          <div className="alert error" role="alert">
            {sign.error.message}
          </div>
        )}
        <button type="submit" className="btn" disabled={!agreed || !name.trim() || sign.isPending}>
          Sign consent
        </button>
        <p className="muted small">
          We store the exact text above with the time of signing. You can withdraw your consent at any time
          before a treatment by telling the clinic.
        </p>
      </form>
    </article>
  );
}
