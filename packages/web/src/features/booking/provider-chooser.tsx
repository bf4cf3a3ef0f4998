import type { AppointmentType, PublicProvider } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../../lib/api-client';

export const usePublicProviders = () =>
  useQuery({
    queryKey: ['providers'],
    queryFn: () => api.get<PublicProvider[]>('/api/providers'),
    staleTime: 60_000,
  });

/**
 * "Who would you like to see?": the clinicians who offer this visit, with their credentials and
 * their own words, or whoever is free first. Nothing to choose when only one clinician offers it:
 * then it just says who that is.
 */
export function ProviderChooser({
  type,
  value,
  onChange,
}: {
  type: AppointmentType;
  value: string | null;
  onChange: (providerId: string | null) => void;
}) {
  const id = useId();
  const providers = usePublicProviders();
  const offering = (providers.data ?? []).filter((p) => type.providerIds.includes(p.id));
  if (offering.length === 0) return null;
  if (offering.length === 1) {
    const only = offering[0]!;
    return (
      <p className="row">
        {only.photoUrl && (
          <img className="portrait small" src={only.photoUrl} alt="" width={48} height={48} />
        )}
        <span>
          With <strong>{only.name}</strong>
          {only.credentials ? `, ${only.credentials}` : ''}.{' '}
          {only.bio && <span className="muted">{only.bio}</span>}
        </span>
      </p>
    );
  }
  return (
    <fieldset className="choices provider-choices">
      <legend>Who would you like to see?</legend>
      <label className="choice">
        <input type="radio" name={id} checked={value === null} onChange={() => onChange(null)} />
        <span>Whoever is free first</span>
      </label>
      {offering.map((p) => (
        <label key={p.id} className="choice">
          <input type="radio" name={id} checked={value === p.id} onChange={() => onChange(p.id)} />
          {p.photoUrl && <img className="portrait small" src={p.photoUrl} alt="" width={48} height={48} />}
          <span>
            <strong>{p.name}</strong>
            {p.credentials ? `, ${p.credentials}` : ''}
            {p.bio && <span className="muted small provider-bio">{p.bio}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
