import type { TreatmentPrice, TreatmentPriceUpdate } from '@anagen/core/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { ApiError, api } from '../../lib/api-client';
import { formatUsd, library } from './library';
import { useTreatmentPrices } from './use-treatment-prices';

const nameOf = (slug: string) => library.treatments.find((t) => t.slug === slug)?.name ?? slug;

/** Admin: the clinic's own prices, which the cost estimator and comparison use. */
export default function AdminPricesPage() {
  usePageMeta('Treatment prices');
  const prices = useTreatmentPrices();
  if (prices.isPending) return <Loading />;
  if (prices.error) return <ErrorState error={prices.error} />;
  return (
    <>
      <h1>Treatment prices</h1>
      <p className="muted">
        These prices feed the public cost estimator and comparison. Until you set a price, the demo default
        from published sources is shown. Every change is recorded in the audit log.
      </p>
      {prices.data.length === 0 ? (
        <EmptyState title="No treatments have prices yet">
          Each treatment in the library gets a row here to set this clinic’s own price.
        </EmptyState>
      ) : (
        <TableScroll label="Treatment prices">
          <table>
            <thead>
              <tr>
                <th scope="col">Treatment</th>
                <th scope="col">First-course sessions</th>
                <th scope="col">Weeks apart</th>
                <th scope="col">Price per session (USD)</th>
                <th scope="col">Maintenance / year</th>
                <th scope="col">Medicine / month (USD)</th>
                <th scope="col">Origin</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {prices.data.map((p) => (
                <PriceRow key={`${p.treatmentSlug}-${p.updatedAt}`} price={p} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function PriceRow({ price }: { price: TreatmentPrice }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState({
    inductionSessions: String(price.inductionSessions),
    intervalWeeks: String(price.intervalWeeks),
    pricePerSession: String(price.pricePerSessionCents / 100),
    maintenanceSessionsPerYear: String(price.maintenanceSessionsPerYear),
    monthlyMedication: String(price.monthlyMedicationCents / 100),
  });
  const save = useMutation({
    mutationFn: (body: TreatmentPriceUpdate) =>
      api.put<TreatmentPrice>(`/api/treatment-prices/${price.treatmentSlug}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['treatment-prices'] }),
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const name = nameOf(price.treatmentSlug);
  const input = (k: keyof typeof draft, label: string, errKey: string, step = '1') => (
    <>
      <label className="visually-hidden" htmlFor={`${price.treatmentSlug}-${k}`}>
        {label} for {name}
      </label>
      <input
        id={`${price.treatmentSlug}-${k}`}
        type="number"
        min={0}
        step={step}
        className="input-compact"
        value={draft[k]}
        aria-invalid={errors[errKey] ? true : undefined}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
      />
      {errors[errKey] && <span className="error-text small">{errors[errKey]}</span>}
    </>
  );
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{input('inductionSessions', 'Sessions in the first course', 'inductionSessions')}</td>
      <td>{input('intervalWeeks', 'Weeks between sessions', 'intervalWeeks', '0.5')}</td>
      <td>{input('pricePerSession', 'Price per session', 'pricePerSessionCents', '0.01')}</td>
      <td>
        {input(
          'maintenanceSessionsPerYear',
          'Maintenance sessions per year',
          'maintenanceSessionsPerYear',
          '0.5',
        )}
      </td>
      <td>{input('monthlyMedication', 'Medicine per month', 'monthlyMedicationCents', '0.01')}</td>
      <td className="small">
        {price.origin === 'clinic'
          ? `Clinic, ${price.asOf}`
          : `Default (${formatUsd(price.pricePerSessionCents)} per session)`}
      </td>
      <td>
        <button
          type="button"
          className="btn small"
          disabled={save.isPending}
          onClick={() =>
            save.mutate({
              inductionSessions: Number(draft.inductionSessions),
              intervalWeeks: Number(draft.intervalWeeks),
              pricePerSessionCents: Math.round(Number(draft.pricePerSession) * 100),
              maintenanceSessionsPerYear: Number(draft.maintenanceSessionsPerYear),
              monthlyMedicationCents: Math.round(Number(draft.monthlyMedication) * 100),
            })
          }
        >
          Save<span className="visually-hidden"> {name}</span>
        </button>
        {save.isSuccess && (
          <span role="status" className="small">
            {' '}
            Saved
          </span>
        )}
        {save.error && !(save.error instanceof ApiError && save.error.status === 400) && (
          <span role="alert" className="error-text small">
            {save.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
