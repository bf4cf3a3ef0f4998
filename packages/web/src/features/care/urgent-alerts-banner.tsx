import { Link } from 'react-router';
import { clinicTime, fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { useAcknowledgeAlert, useAlerts, useSideEffectFollowUps } from './care-api';
import { reasonLabel } from './care-format';

/** Open urgent side-effect alerts, at the top of the staff home page; clinicians acknowledge them. */
export function UrgentAlertsBanner() {
  const { data: me } = useMe();
  const alerts = useAlerts(!!me && me.role !== 'patient');
  const ack = useAcknowledgeAlert();
  // A failed check must not look like "no urgent reports": say so, and keep retrying (the query
  // polls every 30 s) with a button to try at once.
  const failed = alerts.error ? (
    <p className="small">
      Could not check for new urgent side-effect reports just now
      {alerts.error instanceof Error ? ` (${alerts.error.message})` : ''}
      {alerts.data ? `; the list below is from ${clinicTime(alerts.dataUpdatedAt)}` : ''}.{' '}
      <button type="button" className="btn secondary small" onClick={() => void alerts.refetch()}>
        Check again
      </button>
    </p>
  ) : null;
  if (!alerts.data?.length) {
    return failed ? (
      <section className="alert warn urgent-alerts" role="alert" aria-label="Urgent side-effect reports">
        {failed}
      </section>
    ) : null;
  }
  // The server lets only clinicians acknowledge (admins and the desk cannot write clinical records).
  const canAck = me?.role === 'clinician';
  return (
    <section className="alert error urgent-alerts" role="alert" aria-labelledby="urgent-alerts-heading">
      <h2 id="urgent-alerts-heading">
        {alerts.data.length === 1
          ? 'Urgent side-effect report'
          : `${alerts.data.length} urgent side-effect reports`}
      </h2>
      <ul>
        {alerts.data.map((a) => (
          <li key={a.id} className="row">
            <span>
              <Link to={`/staff/patients/${a.patientId}/side-effects`}>{a.patientName}</Link>,{' '}
              {fmtDateTime(a.createdAt)}
              {a.reasons?.length ? ` — ${a.reasons.map(reasonLabel).join(', ')}` : ''}
              <span className="alert-contact">
                {a.patientPhone ? (
                  <>
                    Call <a href={`tel:${a.patientPhone.replace(/[^+\d]/g, '')}`}>{a.patientPhone}</a>
                  </>
                ) : (
                  'No phone number on record'
                )}
                {' · '}
                <a href={`mailto:${a.patientEmail}`}>{a.patientEmail}</a>
              </span>
            </span>
            {canAck && (
              <button
                type="button"
                className="btn secondary small"
                disabled={ack.isPending}
                onClick={() => ack.mutate(a.id)}
              >
                Acknowledge
              </button>
            )}
          </li>
        ))}
      </ul>
      {failed}
      <p className="small">
        Contact the patient now. The patient was told to call the clinic or emergency services.
      </p>
    </section>
  );
}

/**
 * Side-effect reports a clinician keeps under monitoring, each with its follow-up date (overdue
 * ones first and marked), below the urgent alerts on the staff Today page.
 */
export function SideEffectFollowUps() {
  const { data: me } = useMe();
  const list = useSideEffectFollowUps(!!me && me.role !== 'patient');
  if (!list.data?.length) return null;
  const now = Date.now();
  return (
    <section className="alert warn follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Side effects under monitoring</h2>
      <ul>
        {list.data.map((f) => (
          <li key={f.reportId}>
            <Link to={`/staff/patients/${f.patientId}/side-effects`}>{f.patientName}</Link> — follow-up{' '}
            {f.followUpAt <= now ? (
              <strong>was due {fmtDate(f.followUpAt)}</strong>
            ) : (
              <>due {fmtDate(f.followUpAt)}</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
