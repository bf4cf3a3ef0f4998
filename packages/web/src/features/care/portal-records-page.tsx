import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { DownloadRecords } from '../account/download-records';
import { useMe } from '../auth/use-me';
import { DocumentsPanel } from '../documents/documents-panel';
import { useUploadAllowance } from '../progress/upload-allowance';
import { useConsents, useDiagnoses, usePlans, useSessions, useSideEffects } from './care-api';
import { lossTypeLabel, stageLabel, symptomLabel, treatmentName } from './care-format';
import { SessionCard } from './session-card';

/** The patient's own clinical record, read-only: diagnosis, plans, sessions, consents, reports. */
export function PortalRecordsPage() {
  usePageMeta('My records');
  const { data: me } = useMe();
  const allowance = useUploadAllowance(!!me?.patientId);
  const uploadsOff = allowance.data?.allowed === false;
  const pid = me?.patientId;
  const dx = useDiagnoses(pid);
  const plans = usePlans(pid);
  const sessions = useSessions(pid);
  const consents = useConsents(pid);
  const reports = useSideEffects(pid);
  const error = dx.error ?? plans.error ?? sessions.error;
  if (error) return <ErrorState error={error} title="Could not load your records" />;
  if (!dx.data || !plans.data || !sessions.data) return <Loading />;
  return (
    <>
      <h1>My records</h1>
      <p className="muted">
        What the clinic has recorded about your care. To correct anything, please tell the clinic.
      </p>

      <section className="card" aria-labelledby="rec-dx">
        <h2 id="rec-dx">Diagnosis</h2>
        {dx.data.length === 0 ? (
          <p className="muted">Nothing recorded yet.</p>
        ) : (
          <ul>
            {dx.data.map((d) => (
              <li key={d.id}>
                {fmtDate(d.diagnosedAt)}: {lossTypeLabel(d.lossType)}
                {d.scale !== 'none' ? `, ${stageLabel(d.scale, d.stage)}` : ''}
                {d.source === 'assessment' ? ' (from your online assessment)' : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="rec-plans">
        <h2 id="rec-plans">Treatment plans</h2>
        {plans.data.length === 0 ? (
          <p className="muted">No plan yet.</p>
        ) : (
          <ul>
            {plans.data.map((p) => (
              <li key={p.id}>
                {/* A record says what happened: sessions done, not the next session's number. */}
                {treatmentName(p.treatmentSlug)} — {p.progress.completed} of {p.sessionsPlanned}{' '}
                {p.sessionsPlanned === 1 ? 'session' : 'sessions'} done ({p.status}). Goal: {p.goal}
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2>Sessions</h2>
      {sessions.data.length === 0 ? (
        <EmptyState title="No sessions yet">
          Each treatment session the clinic records appears here, with what was done and the after-care advice
          you were given.
        </EmptyState>
      ) : (
        sessions.data.map((s) => <SessionCard key={s.id} s={s} canWrite={false} />)
      )}

      <section className="card" aria-labelledby="rec-consents">
        <h2 id="rec-consents">Signed consent forms</h2>
        {consents.error ? (
          <ErrorState error={consents.error} title="Could not load your consent forms" />
        ) : !consents.data ? (
          <Loading />
        ) : consents.data.signed.length ? (
          consents.data.signed.map((c) => (
            <details key={c.id}>
              <summary>
                {c.title}, version {c.version} — signed {fmtDateTime(c.signedAt)}
              </summary>
              <div className="consent-text">{c.signedText}</div>
            </details>
          ))
        ) : (
          <p className="muted">
            None yet. Consent forms you sign appear here, word for word as you signed them.
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="rec-se" id="side-effects">
        <h2 id="rec-se">Side effects you reported</h2>
        {reports.error ? (
          <ErrorState error={reports.error} title="Could not load your side-effect reports" />
        ) : !reports.data ? (
          <Loading />
        ) : reports.data.length ? (
          <ul>
            {reports.data.map((r) => (
              <li key={r.id}>
                {fmtDateTime(r.createdAt)}: {r.symptoms.map(symptomLabel).join(', ')} ({r.severity}/10)
                {r.reviews.length === 0 ? (
                  ' — waiting for a clinician to review it'
                ) : (
                  <div className="card reply">
                    {r.reviews.map((v) => (
                      <p key={v.reviewedAt}>
                        <strong>
                          {v.reviewedByName ?? 'Your clinician'}, {fmtDateTime(v.reviewedAt)}:
                        </strong>{' '}
                        {v.assessment}
                      </p>
                    ))}
                    <p className="muted small">
                      {r.status === 'monitoring' && r.followUpAt
                        ? `Your clinician is keeping an eye on this and will follow up by ${fmtDate(r.followUpAt)}.`
                        : 'Closed by your clinician.'}{' '}
                      If it gets worse, call the clinic.
                    </p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            None. Side effects you report appear here with the clinic's review;{' '}
            <Link to="/portal/side-effect">report one</Link> whenever something worries you.
          </p>
        )}
      </section>

      {pid && (
        <div className="card">
          <DocumentsPanel
            patientId={pid}
            canFile={!uploadsOff}
            canRemove="own"
            userId={me?.id}
            intro={
              uploadsOff
                ? (allowance.data?.reason ?? '')
                : 'A letter or results from another doctor? Add them here and the clinic sees them in your chart.'
            }
          />
        </div>
      )}

      {pid && <DownloadRecords patientId={pid} />}
    </>
  );
}
