import type { Measurement } from '@anagen/core/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../../components/ui/states';
import { fmtDate, formatDateTime } from '../../../lib/clinic-time';
import { useMe } from '../../auth/use-me';
import { useConsents, useDiagnoses, usePlans, useSideEffects } from '../../care/care-api';
import { lossTypeLabel, stageLabel, treatmentName } from '../../care/care-format';
import { useCustomSites, useMeasurements } from '../../progress/progress-api';
import { siteLabel } from '../../progress/view-protocols';
import type { ChartTabProps } from '../chart-tab-props';
import { usePatient, usePatientAppointments } from '../use-patient';

/** One line of the overview: a label, what is known (or why it is not), and where to act on it. */
function Fact({
  label,
  query,
  children,
}: {
  label: string;
  query: { isPending: boolean; error: unknown };
  children: () => ReactNode;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {query.error ? (
          <span className="error-text">Could not load this.</span>
        ) : query.isPending ? (
          <span className="muted">Loading…</span>
        ) : (
          children()
        )}
      </dd>
    </>
  );
}

/**
 * The chart's first page: what needs attention now (next visit, consent to sign, open side-effect
 * reports), where the patient stands (diagnosis, active plan, latest measurement) and contact
 * details. Front desk sees the visit and the contact details only, as the API allows.
 */
export default function SummaryTab({ patientId }: ChartTabProps) {
  useCustomSites(); // the clinic's own site names, for siteLabel
  const { data: me } = useMe();
  const clinical = me?.role === 'clinician' || me?.role === 'admin';
  const { data: p, error, isPending } = usePatient(patientId);
  const appointments = usePatientAppointments(patientId);
  const chart = (tab: string) => `/staff/patients/${encodeURIComponent(patientId)}/${tab}`;
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  const now = Date.now();
  const next = appointments.data
    ?.filter((a) => (a.status === 'booked' || a.status === 'checked-in') && Date.parse(a.end) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];

  return (
    <>
      <section className="card" aria-labelledby="glance-heading">
        <h2 id="glance-heading">At a glance</h2>
        <dl className="summary-facts">
          <Fact label="Next visit" query={appointments}>
            {() =>
              next ? (
                <Link to={chart('appointments')}>
                  {formatDateTime(next.start, next.timeZone)}: {next.typeName} with {next.providerName}
                </Link>
              ) : (
                <>
                  None booked. <Link to="/staff/calendar">Book from the calendar</Link>.
                </>
              )
            }
          </Fact>
          {clinical && <ClinicalFacts patientId={patientId} chart={chart} />}
        </dl>
      </section>
      <section className="card" aria-labelledby="demographics-heading">
        <h2 id="demographics-heading">Demographics</h2>
        <dl className="summary-facts">
          <dt>Email</dt>
          <dd>{p.email}</dd>
          <dt>Phone</dt>
          <dd>{p.phone ?? '—'}</dd>
          <dt>Date of birth</dt>
          <dd>{p.birthDate ?? '—'}</dd>
          <dt>Sex</dt>
          <dd>{p.sex ?? '—'}</dd>
          <dt>Portal account</dt>
          <dd>{p.hasAccount ? 'Yes' : 'No'}</dd>
        </dl>
      </section>
    </>
  );
}

/** The latest effective measurement: a correction stands in for the automatic value it corrects. */
function latestMeasurement(list: readonly Measurement[]): Measurement | undefined {
  const corrected = new Set(list.map((m) => m.correctsId).filter(Boolean));
  return list
    .filter((m) => !corrected.has(m.id))
    .sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt))[0];
}

function ClinicalFacts({ patientId, chart }: { patientId: string; chart: (tab: string) => string }) {
  const consents = useConsents(patientId);
  const reports = useSideEffects(patientId);
  const plans = usePlans(patientId);
  const diagnoses = useDiagnoses(patientId);
  const measurements = useMeasurements(patientId);
  return (
    <>
      <Fact label="Consent to sign" query={consents}>
        {() =>
          consents.data?.due.length ? (
            <Link to={chart('consents')}>{consents.data.due.map((c) => c.title).join(', ')}</Link>
          ) : (
            'Nothing due.'
          )
        }
      </Fact>
      <Fact label="Open side-effect reports" query={reports}>
        {() => {
          // Under monitoring counts as open: it stays here until a later review closes it.
          const waiting = reports.data?.filter((r) => r.status === 'open') ?? [];
          const watched = reports.data?.filter((r) => r.status === 'monitoring') ?? [];
          if (!waiting.length && !watched.length) return 'None.';
          const urgent = waiting.filter((r) => r.urgency === 'urgent').length;
          const next = watched.map((r) => r.followUpAt ?? 0).sort((a, b) => a - b)[0];
          const parts = [
            waiting.length ? `${waiting.length} waiting for review${urgent ? `, ${urgent} urgent` : ''}` : '',
            watched.length ? `${watched.length} under monitoring (follow-up ${fmtDate(next ?? 0)})` : '',
          ].filter(Boolean);
          return (
            <Link to={chart('side-effects')} className={urgent ? 'urgent-link' : undefined}>
              {parts.join('; ')}
            </Link>
          );
        }}
      </Fact>
      <Fact label="Diagnosis" query={diagnoses}>
        {() => {
          const d = diagnoses.data?.at(-1);
          return d ? (
            <>
              {lossTypeLabel(d.lossType)}
              {d.scale !== 'none' ? `, ${stageLabel(d.scale, d.stage)}` : ''}{' '}
              <span className="muted small">({fmtDate(d.diagnosedAt)})</span>
            </>
          ) : (
            <>
              None recorded. <Link to={chart('plans')}>Record one</Link>.
            </>
          );
        }}
      </Fact>
      <Fact label="Treatment plan" query={plans}>
        {() => {
          const active = plans.data?.filter((pl) => pl.status === 'active') ?? [];
          return active.length ? (
            <Link to={chart('plans')}>
              {active.map((pl) => `${treatmentName(pl.treatmentSlug)}: ${pl.progress.label}`).join('; ')}
            </Link>
          ) : (
            'No active plan.'
          );
        }}
      </Fact>
      <Fact label="Latest measurement" query={measurements}>
        {() => {
          const m = measurements.data && latestMeasurement(measurements.data);
          return m ? (
            <Link to={`${chart('photos')}#measurement-${m.id}`}>
              {Math.round(m.densityPerCm2)} hairs/cm², mean shaft {m.meanDiameterUm.toFixed(0)} µm at{' '}
              {siteLabel(m.site)} ({fmtDate(Date.parse(m.takenAt))})
            </Link>
          ) : (
            'No close-up measured yet.'
          );
        }}
      </Fact>
    </>
  );
}
