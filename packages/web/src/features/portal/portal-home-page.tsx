import type { Appointment } from '@anagen/core/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { api } from '../../lib/api-client';
import { fmtDate, fmtDateTime } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { WhereToGo } from '../booking/where-to-go';
import { useConsents, usePlans, usePostCare, usePreparation } from '../care/care-api';
import { treatmentName } from '../care/care-format';
import { PrepChecklist } from '../care/prep-checklist';

/** Until the address is confirmed the account holds only what its owner added (issue 17). */
function ConfirmEmailNotice({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: () => api.post('/api/auth/verify-email/resend', {}) });
  return (
    <div className="alert" role="status">
      <strong>Please confirm your email.</strong> Open the link we sent to {email}. Until then, your portal
      shows only what you add here yourself.{' '}
      {resend.isSuccess ? (
        'We sent a new link.'
      ) : (
        <button
          type="button"
          className="btn secondary"
          disabled={resend.isPending}
          onClick={() => resend.mutate()}
        >
          Send the link again
        </button>
      )}
    </div>
  );
}

function useNextAppointment(patientId: string | undefined) {
  return useQuery({
    queryKey: ['appointments', patientId],
    queryFn: () => api.get<Appointment[]>(`/api/patients/${encodeURIComponent(patientId!)}/appointments`),
    enabled: !!patientId,
    retry: false,
    select: (list) =>
      list
        .filter((a) => (a.status === 'booked' || a.status === 'checked-in') && Date.parse(a.end) > Date.now())
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0] ?? null,
  });
}

export function PortalHomePage() {
  usePageMeta('My portal');
  const { data: me } = useMe();
  const firstName = me?.name.split(' ')[0] ?? '';
  const pid = me?.patientId;
  const next = useNextAppointment(pid);
  const prep = usePreparation(pid);
  const plans = usePlans(pid);
  const consents = useConsents(pid);
  const postCare = usePostCare(pid);
  const activePlans = plans.data?.filter((p) => p.status === 'active') ?? [];
  // Only the checklist of the visit shown above: one of a later visit under "Next appointment" reads
  // as the steps for this one (issue 25).
  const nextChecklist = next.data ? prep.data?.find((c) => c.appointmentId === next.data!.id) : undefined;
  // A later visit's steps get their own card with that visit's date, apart from the next appointment.
  const laterChecklist = prep.data
    ?.filter((c) => c.appointmentId !== next.data?.id && c.startAt > Date.now())
    .sort((a, b) => a.startAt - b.startAt)[0];
  const latestPostCare = postCare.data?.[0];
  // A part that failed to load must not read as "nothing there".
  const failed = (
    [
      [next.error, 'your appointments'],
      [consents.error, 'consent forms to sign'],
      [plans.error, 'your treatment plans'],
      [prep.error, 'preparation steps'],
      [postCare.error, 'after-care advice'],
    ] as const
  )
    .filter(([error]) => error)
    .map(([, label]) => label);

  return (
    <>
      <h1>Welcome, {firstName}</h1>
      <p className="muted">Your appointments, treatment plan, photos and records in one place.</p>
      {me?.emailVerified === false && <ConfirmEmailNotice email={me.email} />}

      {failed.length > 0 && (
        <div className="alert error" role="alert">
          <strong>Some of your information could not be loaded:</strong> {failed.join(', ')}. Please reload
          the page; if this keeps happening, call the clinic.
        </div>
      )}

      <Link to="/portal/side-effect" className="btn report-side-effect">
        Report a side effect
      </Link>

      {consents.data && consents.data.due.length > 0 && (
        <section className="card" aria-labelledby="consents-due-heading">
          <h2 id="consents-due-heading">Consent to sign</h2>
          <ul>
            {consents.data.due.map((c) => (
              <li key={c.id}>{c.title}</li>
            ))}
          </ul>
          <Link to="/portal/consents" className="btn">
            Read and sign
          </Link>
        </section>
      )}

      <section className="card" aria-labelledby="next-heading">
        <h2 id="next-heading">Next appointment</h2>
        {next.data ? (
          <p>
            <strong>{next.data.typeName}</strong> —{' '}
            {fmtDateTime(Date.parse(next.data.start), next.data.timeZone)} with {next.data.providerName},{' '}
            <WhereToGo a={next.data} />
          </p>
        ) : (
          <p className="muted">
            {next.error ? (
              'Could not load your appointments.'
            ) : next.isPending && pid ? (
              'Loading…'
            ) : (
              <>
                No appointment booked. Call the clinic or <Link to="/book">book a consultation online</Link>.
              </>
            )}
          </p>
        )}
        {nextChecklist && (
          <section aria-labelledby="prep-heading">
            <h3 id="prep-heading">Getting ready for your {nextChecklist.typeName}</h3>
            <PrepChecklist patientId={pid!} checklist={nextChecklist} timeZone={next.data?.timeZone} />
          </section>
        )}
      </section>

      {laterChecklist && (
        <section className="card" aria-labelledby="later-prep-heading">
          <h2 id="later-prep-heading">
            Getting ready for your {laterChecklist.typeName} on{' '}
            {fmtDateTime(laterChecklist.startAt, next.data?.timeZone)}
          </h2>
          <PrepChecklist patientId={pid!} checklist={laterChecklist} timeZone={next.data?.timeZone} />
        </section>
      )}

      {activePlans.length > 0 && (
        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">
            {activePlans.length === 1 ? 'Your treatment plan' : 'Your treatment plans'}
          </h2>
          {activePlans.map((p) => (
            <div key={p.id} className="plan-progress">
              <p>
                <strong>{treatmentName(p.treatmentSlug)}</strong>: {p.progress.label.toLowerCase()}
              </p>
              <progress
                max={p.sessionsPlanned}
                value={p.progress.completed}
                aria-label={`${treatmentName(p.treatmentSlug)}: ${p.progress.completed} of ${p.sessionsPlanned} sessions done`}
              />
              <p className="muted small">
                {p.sessionsPlanned} {p.sessionsPlanned === 1 ? 'session' : 'sessions'}
                {p.sessionsPlanned > 1 ? `, every ${p.intervalWeeks} weeks` : ''}
                {p.maintenanceIntervalWeeks
                  ? `, then maintenance about every ${p.maintenanceIntervalWeeks} weeks`
                  : ''}
                .
              </p>
            </div>
          ))}
          <p className="muted small">Results differ from person to person and are not guaranteed.</p>
        </section>
      )}

      {latestPostCare && (
        <section className="card" aria-labelledby="post-care-heading">
          <h2 id="post-care-heading">After your session on {fmtDate(latestPostCare.performedAt)}</h2>
          <details>
            <summary>{latestPostCare.title}</summary>
            <div className="consent-text">{latestPostCare.body}</div>
          </details>
        </section>
      )}

      <p>
        <Link to="/portal/records">See your records</Link>
      </p>
    </>
  );
}
