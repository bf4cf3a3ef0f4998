import type { SideEffectReport } from '@anagen/core/contracts';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { useReviewSideEffect, useSideEffects } from './care-api';
import { fmtDateTime, reasonLabel, symptomLabel, treatmentName } from './care-format';

const OUTCOMES = ['resolved', 'monitoring', 'treated', 'referred', 'seen-in-clinic'] as const;
const OUTCOME_LABELS: Record<string, string> = {
  resolved: 'Resolved',
  monitoring: 'Monitoring',
  treated: 'Treated',
  referred: 'Referred',
  'seen-in-clinic': 'Seen in clinic',
};

function ReviewForm({ r }: { r: SideEffectReport }) {
  const review = useReviewSideEffect(r.patientId);
  const [assessment, setAssessment] = useState('');
  const [outcome, setOutcome] = useState<string>('monitoring');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        review.mutate({ _rid: r.id, assessment, outcome });
      }}
    >
      <div className="field">
        <label htmlFor={`assessment-${r.id}`}>Assessment</label>
        <textarea
          id={`assessment-${r.id}`}
          rows={2}
          value={assessment}
          onChange={(e) => setAssessment(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`outcome-${r.id}`}>Outcome</label>
        <select id={`outcome-${r.id}`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn small" disabled={review.isPending}>
        Record review
      </button>
      {review.error && (
        <span className="error" role="alert">
          {review.error.message}
        </span>
      )}
    </form>
  );
}

/** Staff chart: side-effect reports with triage, review due times and the clinician's review. */
export function SideEffectsPanel({ patientId }: { patientId: string }) {
  const { data: me } = useMe();
  const reports = useSideEffects(patientId);
  if (reports.isPending) return <Loading />;
  if (reports.error) return <ErrorState error={reports.error} title="Could not load side-effect reports" />;
  return (
    <section aria-labelledby="side-effects-heading">
      <h2 id="side-effects-heading">Side effects</h2>
      {reports.data.length === 0 ? (
        <EmptyState title="No side effects reported">
          Reports the patient sends from the portal appear here.
        </EmptyState>
      ) : (
        reports.data.map((r) => (
          <article className="card" key={r.id} aria-labelledby={`se-${r.id}`}>
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <h3 id={`se-${r.id}`}>Reported {fmtDateTime(r.createdAt)}</h3>
              {r.urgency === 'urgent' ? (
                <span className="badge grade-very-low">Urgent</span>
              ) : (
                <span className="badge neutral">Routine</span>
              )}
            </div>
            <p>
              {r.symptoms.map(symptomLabel).join(' · ')} — severity {r.severity}/10, started{' '}
              {fmtDateTime(r.onsetAt)}
              {r.treatmentSlug ? ` · after ${treatmentName(r.treatmentSlug)}` : ''}
            </p>
            {r.reasons.length > 0 && <p>Urgent because of: {r.reasons.map(reasonLabel).join(', ')}</p>}
            {r.note && <p style={{ whiteSpace: 'pre-wrap' }}>“{r.note}”</p>}
            {r.status === 'reviewed' ? (
              <p className="alert ok">
                Reviewed {r.reviewedAt ? fmtDateTime(r.reviewedAt) : ''}: {r.assessment} (
                {r.outcome ? (OUTCOME_LABELS[r.outcome] ?? r.outcome).toLowerCase() : ''})
              </p>
            ) : (
              <>
                <p className={r.reviewDueAt < Date.now() ? 'alert error' : 'muted'}>
                  {/* Urgent reports are due the moment they arrive; a deadline equal to the report time reads oddly. */}
                  {r.reviewDueAt <= r.createdAt
                    ? 'Review now: urgent report'
                    : `Review due by ${fmtDateTime(r.reviewDueAt)}`}
                </p>
                {me?.role === 'clinician' && <ReviewForm r={r} />}
              </>
            )}
          </article>
        ))
      )}
    </section>
  );
}
