import { mapSearchUrl } from '@anagen/core/contracts';
import { logDelivery } from '../../lib/delivery-log.repository';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { getClinicContact } from '../care-templates/care-settings';
import { findTemplate } from '../care-templates/care-templates.repository';
import {
  findAppointmentForPrep,
  findSessionPostCare,
  itemsForAppointments,
  patientEmail,
} from './preparation.repository';
import type { PrepReminderPayload } from './preparation.service';

function localDateTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

/** Emails the preparation steps that come due now, unless the visit moved, was cancelled or they are ticked. */
export const prepReminderJob: JobHandler = async (raw, { deps, jobId }) => {
  const p = raw as PrepReminderPayload;
  const db = deps.db.kysely;
  const appt = await findAppointmentForPrep(db, p.appointmentId);
  if (!appt || !['booked', 'checked-in'].includes(appt.status) || appt.start_at !== p.startAt) return;
  const items = (await itemsForAppointments(db, [appt.id])).filter(
    (i) => p.keys.includes(i.item_key) && i.ticked_at === null,
  );
  if (!items.length) return;
  const patient = await patientEmail(db, appt.patient_id);
  if (!patient) return;
  const clinic = await getClinicContact(db);
  const when = localDateTime(appt.start_at, appt.time_zone);
  const subject = `Getting ready for your ${appt.type_name} on ${when}`;
  const text = [
    `Hello ${patient.name.split(' ')[0]},`,
    '',
    `Your ${appt.type_name} is on ${when} at ${appt.location_address ?? appt.location_name}.`,
    ...(mapSearchUrl(appt.location_address) ? [`Map: ${mapSearchUrl(appt.location_address)}`] : []),
    '',
    'Here is what to do now:',
    '',
    ...items.map((i) => `- ${i.text}`),
    '',
    'You can tick these off in your portal under "Getting ready".',
    `Questions, or a step you cannot follow? Call ${clinic.name} at ${clinic.phone}.`,
  ].join('\n');
  await sendMailOnce(deps, `care.prep-reminder:${jobId}`, { to: patient.email, subject, text }, (trx, res) =>
    logDelivery(trx, {
      patientId: appt.patient_id,
      kind: 'prep-reminder',
      recipient: patient.email,
      subject,
      response: res.response,
      jobId,
      now: deps.clock.now(),
    }),
  );
};

/** Sends the post-care instructions that were in force when the session was recorded. */
export const postCareJob: JobHandler = async (raw, { deps, jobId }) => {
  const { sessionId } = raw as { sessionId: string };
  const db = deps.db.kysely;
  const s = await findSessionPostCare(db, sessionId);
  if (!s?.post_care_template_id) return;
  const template = await findTemplate(db, s.post_care_template_id);
  const patient = await patientEmail(db, s.patient_id);
  if (!template || !patient) return;
  const clinic = await getClinicContact(db);
  const subject = template.title;
  const text = [
    `Hello ${patient.name.split(' ')[0]},`,
    '',
    template.body,
    '',
    'These instructions are also in your portal. To report a side effect, open the portal and choose "Report a side effect".',
    `${clinic.name}: ${clinic.phone}. In an emergency call 911.`,
  ].join('\n');
  await sendMailOnce(deps, `care.post-care:${jobId}`, { to: patient.email, subject, text }, (trx, res) =>
    logDelivery(trx, {
      patientId: s.patient_id,
      kind: 'post-care',
      recipient: patient.email,
      subject,
      response: res.response,
      jobId,
      now: deps.clock.now(),
    }),
  );
};
