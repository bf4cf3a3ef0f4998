import {
  type Effect,
  effectComparability,
  footnoteNumbers,
  type NumberedReference,
} from '@anagen/core/evidence';
import { estimateCumulativeCost } from '@anagen/core/pricing';
import { Link, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { TableScroll } from '../../components/ui/table-scroll';
import { CitedText } from './components/cited-text';
import { EvidenceBadge } from './components/evidence-badge';
import { ReferenceList } from './components/reference-list';
import { RegulatoryBadge } from './components/regulatory-badge';
import { formatMonths, formatPriceRange, formatUsd, gradeStudies, library, type Treatment } from './library';
import { planFromPrice, useTreatmentPrices } from './use-treatment-prices';

const COMPARE_META = {
  title: 'Compare hair-loss treatments side by side',
  description:
    'Pick two to four treatments and compare evidence, effect size, sessions, time to result, downtime, side effects, regulatory status and cost.',
};

const DEFAULT = ['finasteride', 'topical-minoxidil', 'prp', 'adipose-cell-therapy'];
const MAX = 4;

const UNIT: Record<Effect['unit'], string> = {
  'percent-change-hair-count': '% hair count',
  'hairs-per-cm2': 'hairs/cm²',
  'percent-responders': '% of people responded',
  smd: 'standardised mean difference',
};

const signed = (e: Effect, v: number) =>
  `${v > 0 && e.unit !== 'percent-responders' ? '+' : ''}${v} ${UNIT[e.unit]}`;
const basis = (e: Effect) =>
  `${e.comparison === 'difference-vs-control' ? 'difference from the control group' : 'change from baseline'}${e.weeks ? ` at ${e.weeks} weeks` : ', duration not stated'}`;

/** The treated group's figure with what it is; for a difference from control, says so instead. */
function treatedFigure(e: Effect | null): string {
  if (!e) return 'No effect size published';
  const ci = e.ciLow !== undefined && e.ciHigh !== undefined ? ` (95 % CI ${e.ciLow} to ${e.ciHigh})` : '';
  if (e.comparison === 'difference-vs-control')
    return `Only the difference is published: ${signed(e, e.value)}${ci} more than the control group`;
  return `${signed(e, e.value)}${ci}`;
}

/** The control group's figure from the same trial, or why there is none. */
function controlFigure(e: Effect | null): string {
  if (!e) return '—';
  const who = e.controlLabel ?? 'No control group';
  if (e.controlValue !== undefined) return `${who}: ${signed(e, e.controlValue)}`;
  if (e.comparison === 'difference-vs-control') return `${who}: its own figure is not published separately`;
  return `${who}: no control figure`;
}

export function ComparePage() {
  usePageMeta(COMPARE_META.title, COMPARE_META.description);
  const [params, setParams] = useSearchParams();
  const requested = params.get('t')?.split(',').filter(Boolean);
  const chosen = (requested?.length ? requested : DEFAULT)
    .filter((s) => library.treatments.some((t) => t.slug === s))
    .slice(0, MAX);
  const selected = chosen.map((s) => library.treatments.find((t) => t.slug === s)!) as Treatment[];
  const toggle = (slug: string, on: boolean) => {
    const next = on ? [...chosen, slug].slice(0, MAX) : chosen.filter((s) => s !== slug);
    setParams({ t: next.join(',') }, { replace: true });
  };
  return (
    <>
      <h1>Compare treatments</h1>
      <p className="lead">Choose two to four treatments. Tap a grade to see why it was given.</p>
      <fieldset className="card compare-picker">
        <legend>
          Treatments to compare ({chosen.length} of up to {MAX})
        </legend>
        <div className="picker-grid">
          {library.treatments.map((t) => {
            const on = chosen.includes(t.slug);
            return (
              <label key={t.slug} className="choice">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && chosen.length >= MAX}
                  onChange={(e) => toggle(t.slug, e.target.checked)}
                />{' '}
                {t.name}
              </label>
            );
          })}
        </div>
      </fieldset>
      {selected.length < 2 ? (
        <p className="alert info">Choose at least two treatments to see them side by side.</p>
      ) : (
        <CompareTable treatments={selected} />
      )}
      <p className="muted small">
        Costs are estimates from published price ranges or the clinic’s price list; ask for a written quote.{' '}
        <Link to={`/cost?plans=${chosen.join(',')}`}>See cumulative cost over 10 years</Link>
      </p>
    </>
  );
}

function CompareTable({ treatments }: { treatments: Treatment[] }) {
  const prices = useTreatmentPrices();
  const costs = new Map<string, { y1: number; y5: number }>();
  for (const p of prices.data ?? []) {
    if (!treatments.some((t) => t.slug === p.treatmentSlug)) continue;
    const est = estimateCumulativeCost({ plans: [planFromPrice(p)], years: [1, 5] }).plans[0]!;
    costs.set(p.treatmentSlug, { y1: est.byYear[0]!.cents, y5: est.byYear[1]!.cents });
  }
  // One numbering across the selected treatments, so every figure in the table has its footnote here.
  const refs: NumberedReference[] = [];
  for (const t of treatments)
    for (const r of t.references)
      if (!refs.some((x) => x.id === r.id)) refs.push({ ...r, number: refs.length + 1 });
  const n = footnoteNumbers(refs);
  const cite = (ids: readonly string[]) =>
    ids.map((id) => (
      <sup key={id} className="cite">
        <a href={`#ref-${n.get(id)}`} aria-label={`Source ${n.get(id)}`}>
          [{n.get(id)}]
        </a>
      </sup>
    ));
  const comparability = effectComparability(
    treatments.map((t) => ({ slug: t.slug, name: t.name, effect: t.effect })),
  );
  const rows: [string, (t: Treatment) => React.ReactNode][] = [
    [
      'Evidence',
      (t) => (
        <>
          <EvidenceBadge
            grade={t.evidenceGrade.grade}
            reason={t.evidenceGrade.reason}
            studies={gradeStudies(t)}
          />
          {cite(t.evidenceGrade.studyIds)}
        </>
      ),
    ],
    [
      'What was measured',
      (t) =>
        t.effect ? (
          <>
            {t.effect.measure}; {basis(t.effect)}
            {cite(t.effect.studyIds)}
          </>
        ) : (
          'No effect size published'
        ),
    ],
    ['Treated group', (t) => treatedFigure(t.effect)],
    ['Control group (same trial)', (t) => controlFigure(t.effect)],
    [
      'Comparable with the others?',
      (t) => {
        const not = comparability.get(t.slug) ?? [];
        if (not.length === 0)
          return 'Same measure, basis and duration as the others (still different trials)';
        return (
          <ul className="compact">
            {not.map((x) => (
              <li key={x.name}>
                <strong>Not comparable</strong> with {x.name}: {x.reasons.join('; ')}
              </li>
            ))}
          </ul>
        );
      },
    ],
    [
      'Sessions',
      (t) =>
        t.schedule.mode === 'daily'
          ? 'Daily, at home'
          : t.schedule.mode === 'home-device'
            ? 'Home device'
            : `${t.schedule.inductionSessions} to start${t.schedule.intervalWeeks ? `, ${t.schedule.intervalWeeks} weeks apart` : ''}; ${t.schedule.maintenance.sessionsPerYear} a year after`,
    ],
    ['Time to result', (t) => formatMonths(t.timeToVisibleResultMonths) ?? 'Not established'],
    ['Downtime', (t) => <CitedText text={t.downtime} numbers={n} />],
    [
      'Side effects',
      (t) =>
        t.sideEffects.length === 0 ? (
          'Not collected'
        ) : (
          <ul className="compact">
            {t.sideEffects.slice(0, 4).map((s) => (
              <li key={s.name}>
                {s.name}: <CitedText text={s.frequency} numbers={n} />
                {cite(s.studyIds)}
              </li>
            ))}
          </ul>
        ),
    ],
    [
      'Regulatory status (US)',
      (t) => <RegulatoryBadge status={t.regulatory.status} sourceUrl={t.regulatory.sourceUrl} />,
    ],
    ['Published price', (t) => (t.priceRange ? formatPriceRange(t.priceRange) : 'No reliable price found')],
    [
      'Estimated cost',
      (t) => {
        const c = costs.get(t.slug);
        if (prices.isPending) return 'Loading…';
        return c
          ? `${formatUsd(c.y1)} in year 1; ${formatUsd(c.y5)} over 5 years (estimate)`
          : 'Not available';
      },
    ],
  ];
  return (
    <>
      <p className="alert info">
        Effect sizes come from different trials, with different people, measures and durations. Read each
        treated figure next to its own control group, not next to another treatment’s figure; the table says
        “not comparable” where the measure, the basis or the duration differ.
      </p>
      {/* On a phone only the first treatment column fits: say that the table moves. */}
      <p className="muted small">On a narrow screen, swipe the table sideways to see every treatment.</p>
      <TableScroll label="Treatments side by side" className="compare-table">
        <table>
          <caption className="visually-hidden">Selected treatments side by side</caption>
          <thead>
            <tr>
              <td />
              {treatments.map((t) => (
                <th key={t.slug} scope="col">
                  <Link to={`/treatments/${t.slug}`}>{t.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, cell]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {treatments.map((t) => (
                  <td key={t.slug}>{cell(t)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ReferenceList refs={refs} />
    </>
  );
}
