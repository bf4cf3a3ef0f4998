import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { treatmentName } from './care-format';

interface Stats {
  from: number | null;
  to: number | null;
  rows: {
    treatmentSlug: string;
    sessions: number;
    reports: number;
    urgent: number;
    reportsPerSession: number | null;
    urgentPerSession: number | null;
  }[];
}

const PERIODS = [
  ['all', 'All time', null],
  ['90', 'Last 90 days', 90],
  ['365', 'Last 12 months', 365],
] as const;

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/** Admin: side-effect reports and urgent reports per signed session, by treatment. */
export function SideEffectStatsPage() {
  usePageMeta('Side-effect statistics');
  const [period, setPeriod] = useState<(typeof PERIODS)[number][0]>('all');
  const days = PERIODS.find((p) => p[0] === period)?.[2] ?? null;
  const stats = useQuery({
    queryKey: ['side-effect-stats', period],
    queryFn: () =>
      api.get<Stats>(`/api/reports/side-effects${days ? `?from=${Date.now() - days * 86_400_000}` : ''}`),
  });
  return (
    <>
      <h1>Side effects by treatment</h1>
      <p className="muted">
        Reports patients sent, against signed session records in the same period. A rate above 100 % means
        more than one report per session. Small numbers move a lot; read them with care.
      </p>
      <div className="field" style={{ maxWidth: 240 }}>
        <label htmlFor="stats-period">Period</label>
        <select id="stats-period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
          {PERIODS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {stats.isPending && <Loading />}
      {stats.error && <ErrorState error={stats.error} />}
      {stats.data && stats.data.rows.length === 0 && (
        <EmptyState title="No sessions or reports in this period">
          Choose a longer period; rates appear once sessions are recorded.
        </EmptyState>
      )}
      {stats.data && stats.data.rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Side-effect counts and rates per treatment</caption>
          <thead>
            <tr>
              <th scope="col">Treatment</th>
              <th scope="col">Signed sessions</th>
              <th scope="col">Reports</th>
              <th scope="col">Urgent</th>
              <th scope="col">Reports per session</th>
              <th scope="col">Urgent per session</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.rows.map((r) => (
              <tr key={r.treatmentSlug}>
                <th scope="row">
                  {r.treatmentSlug === 'not-linked-to-a-session'
                    ? 'Not linked to a session'
                    : treatmentName(r.treatmentSlug)}
                </th>
                <td>{r.sessions}</td>
                <td>{r.reports}</td>
                <td>{r.urgent}</td>
                <td>{pct(r.reportsPerSession)}</td>
                <td>{pct(r.urgentPerSession)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
