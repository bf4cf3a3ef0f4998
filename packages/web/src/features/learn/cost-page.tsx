import {
  type CostPlan,
  estimateCumulativeCost,
  type PlanPriceRanges,
  planAtRangeEnd,
} from '@anagen/core/pricing';
import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { TableScroll } from '../../components/ui/table-scroll';
import { formatUsd, library } from './library';
import { PLAN_COLOURS } from './plan-colours';
import { useTreatmentPrices } from './use-treatment-prices';

const CostChart = lazy(() => import('./cost-chart'));

const COST_META = {
  title: 'Hair-loss treatment cost estimator',
  description:
    'Estimate what hair-loss treatments cost over 1, 3, 5 and 10 years: first course, maintenance sessions and monthly medicine, several plans on one chart.',
};

const YEARS = [1, 3, 5, 10];
const MAX_PLANS = 6;

interface PlanDraft {
  key: number;
  slug: string;
  inductionSessions: number;
  intervalWeeks: number;
  pricePerSession: number;
  maintenanceSessionsPerYear: number;
  monthlyMedication: number;
  /** Published low–high ranges behind the starting prices; a price typed in by hand drops its range. */
  ranges: PlanPriceRanges;
}

const nameOf = (slug: string) => library.treatments.find((t) => t.slug === slug)?.name ?? slug;

export function CostPage() {
  usePageMeta(COST_META.title, COST_META.description);
  const prices = useTreatmentPrices();
  const [params] = useSearchParams();
  const [plans, setPlans] = useState<PlanDraft[] | null>(null);
  const [adding, setAdding] = useState('');

  const draftFor = (slug: string, key: number): PlanDraft | null => {
    const p = prices.data?.find((x) => x.treatmentSlug === slug);
    if (!p) return null;
    return {
      key,
      slug,
      inductionSessions: p.inductionSessions,
      intervalWeeks: p.intervalWeeks,
      pricePerSession: p.pricePerSessionCents / 100,
      maintenanceSessionsPerYear: p.maintenanceSessionsPerYear,
      monthlyMedication: p.monthlyMedicationCents / 100,
      ranges: {
        pricePerSessionRangeCents: p.pricePerSessionRangeCents,
        monthlyMedicationRangeCents: p.monthlyMedicationRangeCents,
      },
    };
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: initialise once when prices arrive
  useEffect(() => {
    if (!prices.data || plans) return;
    const wanted = params.get('plans')?.split(',').filter(Boolean) ?? [
      'finasteride',
      'prp',
      'hair-transplant',
    ];
    setPlans(
      wanted
        .map((s, i) => draftFor(s, i))
        .filter((p): p is PlanDraft => p !== null)
        .slice(0, MAX_PLANS),
    );
  }, [prices.data]);

  const estimate = useMemo(() => {
    if (!plans || plans.length === 0) return null;
    const valid = plans.every((p) =>
      [
        p.inductionSessions,
        p.intervalWeeks,
        p.pricePerSession,
        p.maintenanceSessionsPerYear,
        p.monthlyMedication,
      ].every((v) => Number.isFinite(v) && v >= 0),
    );
    if (!valid) return null;
    try {
      const mid: CostPlan[] = plans.map((p) => ({
        treatmentSlug: p.slug,
        inductionSessions: Math.round(p.inductionSessions),
        intervalWeeks: p.intervalWeeks,
        pricePerSessionCents: Math.round(p.pricePerSession * 100),
        maintenanceSessionsPerYear: p.maintenanceSessionsPerYear,
        monthlyMedicationCents: Math.round(p.monthlyMedication * 100),
      }));
      const at = (end: 'low' | 'high') =>
        estimateCumulativeCost({
          years: YEARS,
          plans: mid.map((m, i) => planAtRangeEnd(m, plans[i]!.ranges, end)),
        }).plans;
      const { plans: midPlans } = estimateCumulativeCost({ years: YEARS, plans: mid });
      const low = at('low');
      const high = at('high');
      return { plans: midPlans.map((m, i) => ({ ...m, low: low[i]!, high: high[i]! })) };
    } catch {
      return null;
    }
  }, [plans]);

  if (prices.isPending) return <Loading label="Loading prices…" />;
  if (prices.error) return <ErrorState error={prices.error} title="Prices could not be loaded" />;

  const update = (key: number, change: Partial<PlanDraft>) =>
    setPlans((ps) => (ps ?? []).map((p) => (p.key === key ? { ...p, ...change } : p)));
  const series =
    estimate && plans
      ? estimate.plans.map((e, i) => ({
          label: nameOf(plans[i]!.slug),
          monthlyCumulativeCents: e.monthlyCumulativeCents,
          lowCents: e.low.monthlyCumulativeCents,
          highCents: e.high.monthlyCumulativeCents,
        }))
      : [];

  return (
    <>
      <h1>Cost estimator</h1>
      <p className="lead">
        What a plan may cost over the years: the first course, maintenance sessions and any monthly medicine.
      </p>
      <p className="alert info">
        <strong>This is an estimate.</strong> Starting figures are the clinic’s price list or, where it has
        none, the middle of published price ranges; the low–high range of those published prices is shown in
        brackets and as a shaded band. Change any number to match a quote you have received.
      </p>

      <section aria-labelledby="result-heading">
        <h2 id="result-heading">Estimated cumulative cost</h2>
        {!estimate ? (
          <p className="alert warn">Enter numbers of zero or more in every plan to see the estimate.</p>
        ) : (
          <>
            <Suspense fallback={<Loading label="Drawing the chart…" />}>
              <CostChart series={series} />
            </Suspense>
            <TableScroll label="Cumulative cost table">
              <table>
                <caption>
                  Estimated cumulative cost in US dollars, midpoint with the published low–high range
                  (estimate, not a quote)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Plan</th>
                    {YEARS.map((y) => (
                      <th key={y} scope="col">
                        {y} {y === 1 ? 'year' : 'years'}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {estimate.plans.map((e, i) => (
                    <tr key={plans![i]!.key}>
                      <th scope="row">{nameOf(e.treatmentSlug)}</th>
                      {e.byYear.map((y, j) => {
                        const lo = e.low.byYear[j]!.cents;
                        const hi = e.high.byYear[j]!.cents;
                        return (
                          <td key={y.year}>
                            {formatUsd(y.cents)}
                            {(lo !== y.cents || hi !== y.cents) && (
                              <span className="muted small range">
                                {' '}
                                ({formatUsd(lo)}–{formatUsd(hi)})
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
        <PriceSources />
      </section>
      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans</h2>
        <p className="muted small">Open a plan to change its numbers, for example to match a quote.</p>
        <div className="plan-grid">
          {(plans ?? []).map((p, i) => (
            <details key={p.key} className="card plan">
              <summary>
                <span className="swatch" style={{ background: PLAN_COLOURS[i % PLAN_COLOURS.length] }} />{' '}
                {nameOf(p.slug)}: change the numbers
              </summary>
              <NumberField
                label="Sessions in the first course"
                value={p.inductionSessions}
                onChange={(v) => update(p.key, { inductionSessions: v })}
              />
              <NumberField
                label="Weeks between first-course sessions"
                value={p.intervalWeeks}
                onChange={(v) => update(p.key, { intervalWeeks: v })}
              />
              <NumberField
                label="Price per session (USD)"
                value={p.pricePerSession}
                onChange={(v) =>
                  update(p.key, {
                    pricePerSession: v,
                    ranges: { ...p.ranges, pricePerSessionRangeCents: null },
                  })
                }
              />
              <NumberField
                label="Maintenance sessions per year"
                value={p.maintenanceSessionsPerYear}
                step={0.5}
                onChange={(v) => update(p.key, { maintenanceSessionsPerYear: v })}
              />
              <NumberField
                label="Medicine per month (USD)"
                value={p.monthlyMedication}
                onChange={(v) =>
                  update(p.key, {
                    monthlyMedication: v,
                    ranges: { ...p.ranges, monthlyMedicationRangeCents: null },
                  })
                }
              />
              <button
                type="button"
                className="btn secondary small"
                onClick={() => setPlans((ps) => (ps ?? []).filter((x) => x.key !== p.key))}
              >
                Remove<span className="visually-hidden"> {nameOf(p.slug)}</span>
              </button>
            </details>
          ))}
        </div>
        {(plans?.length ?? 0) < MAX_PLANS && (
          <div className="row add-plan">
            <div className="field">
              <label htmlFor="add-plan">Add a plan</label>
              <select id="add-plan" value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">Choose a treatment…</option>
                {(prices.data ?? []).map((p) => (
                  <option key={p.treatmentSlug} value={p.treatmentSlug}>
                    {nameOf(p.treatmentSlug)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="btn secondary"
              disabled={!adding}
              onClick={() => {
                const d = draftFor(adding, Date.now());
                if (d) setPlans((ps) => [...(ps ?? []), d]);
                setAdding('');
              }}
            >
              Add
            </button>
          </div>
        )}
      </section>
    </>
  );
}

function NumberField({
  label,
  value,
  onChange,
  step = 1,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
}) {
  const id = useId();
  const invalid = !Number.isFinite(value) || value < 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        step={step}
        value={Number.isFinite(value) ? value : ''}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
      {invalid && <span className="error">Enter a number of zero or more.</span>}
    </div>
  );
}

function PriceSources() {
  const prices = useTreatmentPrices();
  return (
    <details className="card">
      <summary>Where the starting prices come from</summary>
      <ul>
        {(prices.data ?? []).map((p) => (
          <li key={p.treatmentSlug}>
            <strong>{nameOf(p.treatmentSlug)}:</strong> {p.basis} Source:{' '}
            {p.sourceUrl ? (
              <a href={p.sourceUrl} rel="noopener noreferrer">
                {p.sourceName}
              </a>
            ) : (
              p.sourceName
            )}{' '}
            (
            {p.origin === 'clinic'
              ? `clinic price, set ${p.asOf}`
              : `${p.confidence} confidence; read ${p.asOf}`}
            {p.origin === 'clinic' ? '' : `; source dated ${p.sourceDated ?? 'no date given'}`}).
          </li>
        ))}
      </ul>
    </details>
  );
}
