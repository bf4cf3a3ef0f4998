import { formatClinicDate, formatClinicDateTime } from '@anagen/core/scheduling';
import { logDelivery } from '../../lib/delivery-log.repository';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { getClinicContact } from '../care-templates/care-settings';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { activeClinicians, findFollowUpState, findReportWithPatient } from './side-effects.repository';

/**
 * Reminds the clinician who chose "monitoring" that the follow-up is due. Dropped when the report
 * was closed or given another follow-up date since. Like the urgent alert, the email names no
 * patient: it points to Staff → Today, where the report is listed.
 */
export const sideEffectFollowUpJob: JobHandler = async (raw, { deps }) => {
  const p = raw as { reportId: string; followUpAt: number; clinicianId: string };
  const db = deps.db.kysely;
  const report = await findFollowUpState(db, p.reportId);
  if (report?.status !== 'open' || report.outcome !== 'monitoring') return;
  if (Number(report.follow_up_at) !== p.followUpAt) return;
  // The reviewing clinician; every active clinician if that account has since been closed.
  let to = await activeClinicians(db, p.clinicianId);
  if (!to.length) to = await activeClinicians(db);
  const zone = await clinicTimeZone(db);
  // One outbox key per clinician and follow-up date: a retried job mails nobody twice.
  for (const c of to) {
    await sendMailOnce(deps, `care.side-effect-follow-up:${report.id}:${p.followUpAt}:${c.email}`, {
      to: c.email,
      subject: 'A side-effect follow-up is due',
      text: [
        `A side-effect report you are monitoring is due for its follow-up on ${formatClinicDate(p.followUpAt, zone)}.`,
        '',
        'Open Anagen → Staff → Today, contact the patient and record your review: choose "monitoring" again',
        'with a new date, or close the report with another outcome.',
        `Report reference: ${report.id}`,
      ].join('\n'),
    });
  }
};

/**
 * Tells the patient that a clinician has replied to their side-effect report. The reply itself is
 * read in the portal (signed in), not in the email.
 */
export const sideEffectReplyJob: JobHandler = async (raw, { deps, jobId }) => {
  const p = raw as { reportId: string; reviewedAt: number };
  const db = deps.db.kysely;
  const report = await findReportWithPatient(db, p.reportId);
  if (!report?.email) return;
  const zone = await clinicTimeZone(db);
  const clinic = await getClinicContact(db);
  const subject = 'A clinician has replied to your side-effect report';
  const text = [
    `Hello ${report.name.split(' ')[0]},`,
    '',
    `A clinician has reviewed the side effect you reported on ${formatClinicDateTime(Number(report.created_at), zone, { zoneName: 'long' })}.`,
    `Read the reply in your portal: ${deps.config.publicUrl}/portal/records#side-effects`,
    '',
    `If it has got worse, call ${clinic.name} at ${clinic.phone}. In an emergency call 911.`,
  ].join('\n');
  const email = report.email;
  await sendMailOnce(
    deps,
    `care.side-effect-reply:${report.id}:${p.reviewedAt}`,
    { to: email, subject, text },
    (trx, res) =>
      logDelivery(trx, {
        patientId: report.patient_id,
        kind: 'side-effect-reply',
        recipient: email,
        subject,
        response: res.response,
        jobId,
        now: deps.clock.now(),
      }),
  );
};
