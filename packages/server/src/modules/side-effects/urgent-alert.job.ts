import { formatClinicDateTime } from '@anagen/core/scheduling';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { activeClinicians, findAlert } from './side-effects.repository';

/**
 * Emails every active clinician that an urgent side-effect report is waiting. The email carries
 * no patient details (mail is not the place for them): it points to the alert in Anagen.
 */
export const urgentAlertEmailJob: JobHandler = async (raw, { deps }) => {
  const { alertId } = raw as { alertId: string };
  const db = deps.db.kysely;
  const alert = await findAlert(db, alertId);
  if (!alert || alert.acknowledged_at !== null) return;
  const clinicians = await activeClinicians(db);
  // Clinic time with the zone spelled out: "01:26 UTC" made a clinician do sums at night.
  const at = formatClinicDateTime(Number(alert.created_at), await clinicTimeZone(db), { zoneName: 'long' });
  // One key per clinician: a retry after a failure part-way mails only those not mailed yet.
  for (const c of clinicians) {
    await sendMailOnce(deps, `care.urgent-alert:${alert.id}:${c.id}`, {
      to: c.email,
      subject: 'Urgent side-effect report needs a clinician',
      text: [
        `A patient reported symptoms on ${at} that triage as urgent.`,
        'The patient was told to call the clinic or emergency services.',
        '',
        'Open Anagen → Staff → Today to see the alert, contact the patient and record your assessment.',
        `Alert reference: ${alert.id}`,
      ].join('\n'),
    });
  }
};
