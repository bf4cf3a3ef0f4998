import { SIDE_EFFECT_OUTCOMES, type SideEffectReport } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { clinicToday, clinicZone, fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { useFocusFirstInvalid } from '../../lib/form-errors';
import { useMe } from '../auth/use-me';
import { addDays } from '../booking/time';
import { useReviewSideEffect, useSideEffects } from './care-api';
import { fromZoneInput, reasonLabel, symptomLabel, treatmentName } from './care-format';

const OUTCOME_LABELS: Record<string, string> = {
  resolved: 'Resolved',
  monitoring: 'Monitoring (keep open, follow up)',
  treated: 'Treated',
  referred: 'Referred',
  'seen-in-clinic': 'Seen in clinic',
};
const outcomeWord = (o: string | null) => (o ? (OUTCOME_LABELS[o] ?? o).replace(/ \(.*\)$/, '') : '');

function ReviewForm({ r }: { r: SideEffectReport }) {
  const review = useReviewSideEffect(r.patientId);
  const qc = useQueryClient();
  const [assessment, setAssessment] = useState('');
  // No outcome is preselected: "monitoring" by default closed nothing and sent no reminder.
  const [outcome, setOutcome] = useState<string>('');
  // The follow-up day is a clinic date; the reminder is due at 9:00 that morning, clinic time.
  const [followUpDay, setFollowUpDay] = useState(() => addDays(clinicToday(), 7));
  const errors = review.error instanceof ApiError ? review.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(review.error, formRef);
  const id = (f: string) => `${f}-${r.id}`;
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const followUpAt =
          outcome === 'monitoring' ? fromZoneInput(`${followUpDay}T09:00`, clinicZone()) : null;
        review.mutate(
          {
            _rid: r.id,
            assessment,
            outcome,
            ...(followUpAt !== null ? { followUpAt } : {}),
          },
          { onSuccess: () => void qc.invalidateQueries({ queryKey: ['side-effect-follow-ups'] }) },
        );
      }}
    >
      <div className="field">
        <label htmlFor={id('assessment')}>Assessment</label>
        <textarea
          id={id('assessment')}
          rows={2}
          value={assessment}
          onChange={(e) => setAssessment(e.target.value)}
          aria-invalid={errors.assessment ? true : undefined}
          aria-describedby={errors.assessment ? id('assessment-error') : undefined}
        />
        {errors.assessment && (
          <span className="error" id={id('assessment-error')}>
            {errors.assessment}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={id('outcome')}>Outcome</label>
        <select
          id={id('outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          aria-invalid={errors.outcome ? true : undefined}
          aria-describedby={errors.outcome ? id('outcome-error') : undefined}
        >
          <option value="">Choose…</option>
          {SIDE_EFFECT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
        {errors.outcome && (
          <span className="error" id={id('outcome-error')}>
            {errors.outcome}
          </span>
        )}
      </div>
      {outcome === 'monitoring' && (
        <div className="field">
          <label htmlFor={id('follow-up')}>Follow up on (clinic date)</label>
          <input
            id={id('follow-up')}
            type="date"
            value={followUpDay}
            min={addDays(clinicToday(), 1)}
            onChange={(e) => setFollowUpDay(e.target.value)}
            aria-invalid={errors.followUpAt ? true : undefined}
            aria-describedby={`${id('follow-up-hint')}${errors.followUpAt ? ` ${id('follow-up-error')}` : ''}`}
          />
          <span className="hint" id={id('follow-up-hint')}>
            The report stays open, and you get a reminder that morning.
          </span>
          {errors.followUpAt && (
            <span className="error" id={id('follow-up-error')}>
              {errors.followUpAt}
            </span>
          )}
        </div>
      )}
      <button type="submit" className="btn small" disabled={review.isPending}>
        Record review
      </button>
      {review.error && !Object.keys(errors).length && (
        <span className="error" role="alert">
          {review.error.message}
        </span>
      )}
    </form>
  );
}

/** Every review of a report, oldest first, as kept on the server. */
function ReviewHistory({ r }: { r: SideEffectReport }) {
  if (!r.reviews.length) return null;
  return (
    <ol className="review-history">
      {r.reviews.map((v) => (
        <li key={v.reviewedAt}>
          {fmtDateTime(v.reviewedAt)}
          {v.reviewedByName ? `, ${v.reviewedByName}` : ''} — {outcomeWord(v.outcome).toLowerCase()}
          {v.followUpAt ? ` until ${fmtDate(v.followUpAt)}` : ''}: {v.assessment}
        </li>
      ))}
    </ol>
  );
}

/** Staff chart: side-effect reports with triage, review due times and the clinician's reviews. */
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
            <ReviewHistory r={r} />
            {r.status === 'reviewed' ? (
              <p className="alert ok">Closed: {outcomeWord(r.outcome).toLowerCase()}.</p>
            ) : r.status === 'monitoring' && r.followUpAt ? (
              <>
                <p className={r.followUpAt < Date.now() ? 'alert error' : 'alert warn'}>
                  Under monitoring — follow-up {r.followUpAt < Date.now() ? 'was due' : 'due'}{' '}
                  {fmtDate(r.followUpAt)}. Record a review to close it or set a new date.
                </p>
                {/* A fresh, empty form after each review (keyed by it). */}
                {me?.role === 'clinician' && <ReviewForm key={r.reviewedAt ?? 'first'} r={r} />}
              </>
            ) : (
              <>
                <p className={r.reviewDueAt < Date.now() ? 'alert error' : 'muted'}>
                  {/* Urgent reports are due the moment they arrive; a deadline equal to the report time reads oddly. */}
                  {r.reviewDueAt <= r.createdAt
                    ? 'Review now: urgent report'
                    : `Review due by ${fmtDateTime(r.reviewDueAt)}`}
                </p>
                {me?.role === 'clinician' && <ReviewForm key={r.reviewedAt ?? 'first'} r={r} />}
              </>
            )}
          </article>
        ))
      )}
    </section>
  );
}
