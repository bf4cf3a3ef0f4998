import type { AssessmentDto } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../../../components/ui/states';
import { api } from '../../../lib/api-client';
import { fmtDateTime } from '../../../lib/clinic-time';
import type { ChartTabProps } from '../chart-tab-props';

const GRADE: Record<string, string> = {
  high: 'high',
  moderate: 'moderate',
  low: 'low',
  'very-low': 'very low',
};

/** The patient's online self-assessments, newest first, as the patient answered them. */
export default function AssessmentTab({ patientId }: ChartTabProps) {
  const { data, error, isPending } = useQuery({
    queryKey: ['patients', patientId, 'assessments'],
    queryFn: () => api.get<AssessmentDto[]>(`/api/patients/${encodeURIComponent(patientId)}/assessments`),
  });
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  if (data.length === 0)
    return (
      <EmptyState title="No self-assessment yet">
        When the patient completes the online assessment while signed in, their answers and result appear
        here.
      </EmptyState>
    );
  const [latest, ...older] = data;
  return (
    <>
      <AssessmentCard a={latest!} heading="Latest self-assessment" />
      {older.length > 0 && (
        <details className="card">
          <summary>Earlier assessments ({older.length})</summary>
          {older.map((a) => (
            <AssessmentCard key={a.id} a={a} heading={fmtDateTime(a.createdAt)} />
          ))}
        </details>
      )}
    </>
  );
}

function AssessmentCard({ a, heading }: { a: AssessmentDto; heading: string }) {
  const r = a.result;
  return (
    <section className="card" aria-label={heading}>
      <h2>{heading}</h2>
      <p className="muted small">
        Completed {fmtDateTime(a.createdAt)} by the patient online. Not a diagnosis.
      </p>
      {r.seePhysicianFirst && (
        <div className="alert warn">
          <strong>Red flags:</strong>
          <ul>
            {r.redFlags.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      <dl>
        <dt>Likely type</dt>
        <dd>{r.likelyType.label}</dd>
        <dt>Likely stage</dt>
        <dd>{r.likelyStage?.label ?? 'Not given'}</dd>
        {Object.keys(r.contraindications).length > 0 && (
          <>
            <dt>Contraindications found</dt>
            <dd>
              <ul>
                {Object.entries(r.contraindications).map(([slug, cs]) => (
                  <li key={slug}>
                    {r.options.find((o) => o.slug === slug)?.name ?? slug.replace(/-/g, ' ')}:{' '}
                    {cs.map((c) => `${c.label} (${c.severity})`).join('; ')}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {r.options.length > 0 && (
          <>
            <dt>Options ranked for the patient</dt>
            <dd>
              <ol>
                {r.options.map((o) => (
                  <li key={o.slug}>
                    {o.name} — fit {o.fitScore}, evidence {GRADE[o.evidenceGrade]}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary>Summary for notes</summary>
        <pre className="pre-wrap">{a.summary}</pre>
      </details>
    </section>
  );
}
