import type { AccessLogEntry } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { fmtDateTime } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';

// `{your}` becomes "your" for the patient and "the patient's" on the staff chart.
const WHAT: Record<string, string> = {
  patient: '{your} details',
  photo: '{your} photos',
  photos: '{your} photos',
  measurement: '{your} measurements',
  measurements: '{your} measurements',
  analysis: 'a photo analysis',
  plan: '{your} treatment plan',
  plans: '{your} treatment plan',
  session: 'a treatment session record',
  sessions: '{your} treatment session records',
  'treatment-session': 'a treatment session record',
  consent: '{your} consents',
  consents: '{your} consents',
  'consent-status': '{your} consent status',
  'consultation-status': '{your} consultation status',
  diagnosis: '{your} diagnosis',
  assessment: '{your} assessment',
  appointment: '{your} appointments',
  appointments: '{your} appointments',
  preparation: '{your} preparation checklist',
  'post-care': '{your} aftercare instructions',
  alert: '{your} side-effect alerts',
  'side-effect': '{your} side-effect reports',
  'side-effects': '{your} side-effect reports',
  'access-log': 'the list of who accessed {your} record',
  fhir: '{your} full record (as an export)',
  progress: '{your} progress report',
};
const VERB: Record<string, string> = {
  read: 'viewed',
  list: 'viewed',
  view: 'viewed',
  compare: 'compared',
  search: 'looked up',
  create: 'added to',
  upload: 'added to',
  update: 'changed',
  edit: 'changed',
  write: 'changed',
  correct: 'corrected',
  correction: 'corrected',
  delete: 'removed something from',
  deleted: 'removed something from',
  export: 'exported',
  review: 'reviewed',
  sign: 'recorded a signature on',
  addendum: 'added a note to',
  acknowledge: 'acknowledged',
  tick: 'ticked an item on',
  sync: 'updated',
  series: 'booked a series of',
  cancel: 'cancelled one of',
  reschedule: 'rescheduled one of',
  confirm: 'confirmed one of',
  status: 'updated the status of',
  ics: 'downloaded a calendar file for',
  deliveries: 'viewed the reminders for',
  report: 'added to',
  run: 'ran',
};
// Whole actions whose parts do not read well word by word.
const WHOLE: Record<string, string> = {
  'patient.account-close': 'closed {your} portal account',
  'patient.deletion-request': 'recorded a request to delete {your} record',
  'measurement.verification.create': 'checked the hair count of one of {your} close-ups hair by hair',
  'measurement.hairs.read': 'viewed the hairs counted on one of {your} close-ups',
  'measurement.verified.export':
    'exported one of {your} close-ups without name or dates, to check the hair counting',
};

/**
 * A plain-English phrase for an audit action such as `photo.upload` or `patient.read.denied`,
 * addressed to the patient ("viewed your photos") or, with `subject: 'patient'`, to staff
 * ("viewed the patient's photos").
 */
export function describeAccess(action: string, opts: { subject?: 'you' | 'patient' } = {}): string {
  const your = opts.subject === 'patient' ? 'the patient’s' : 'your';
  const denied = action.endsWith('.denied');
  const base = denied ? action.slice(0, -'.denied'.length) : action;
  const parts = base.split('.');
  const what = WHAT[parts[0] ?? ''] ?? (parts[0] ?? '{your} record').replace(/-/g, ' ');
  const verbKey = parts.slice(1).find((p) => VERB[p]) ?? parts[1] ?? 'read';
  const verb = VERB[verbKey] ?? verbKey.replace(/-/g, ' ');
  const phrase = WHOLE[base] ?? (denied ? `tried to open ${what} and was refused` : `${verb} ${what}`);
  return phrase.replaceAll('{your}', your);
}

const ROLE: Record<string, string> = { clinician: 'clinician', desk: 'front desk', admin: 'administrator' };

export function AccessLogPage() {
  usePageMeta('Who accessed my record', 'Every time clinic staff viewed or changed your record.');
  const { data: me } = useMe();
  const log = useQuery({
    queryKey: ['access-log', me?.patientId],
    queryFn: () => api.get<AccessLogEntry[]>(`/api/patients/${me!.patientId}/access-log`),
    enabled: Boolean(me?.patientId),
  });
  return (
    <>
      <h1>Who accessed my record</h1>
      <p className="muted">
        Each time someone at the clinic viewed or changed your record, it is written down here with their
        name, role and the time. Your own visits to your record are not listed. If something looks wrong,
        contact the clinic.
      </p>
      {(log.isPending || !me) && <Loading />}
      {log.error && <ErrorState error={log.error} />}
      {log.data?.length === 0 && (
        <EmptyState title="Nobody at the clinic has opened your record yet">
          Each time someone at the clinic opens your record, you will see who and when here.
        </EmptyState>
      )}
      {log.data && log.data.length > 0 && (
        <ol className="access-log" aria-label="Accesses to your record, newest first">
          {log.data.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is read-only
            <li key={i} className="card">
              <strong>{e.actorName}</strong>{' '}
              <span className="muted">({ROLE[e.actorRole] ?? e.actorRole})</span> {describeAccess(e.action)}
              <div className="muted small">
                <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
