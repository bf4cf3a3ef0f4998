import { formatClinicDateTime } from '@anagen/core/scheduling';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { clinicTimeZone, findClinic } from '../clinic/clinic.repository';
import { findDeletionRequest, markClinicNotified } from './account.repository';

export const DELETION_REQUEST_JOB = 'account.deletion-request-email';

/**
 * Tells the clinic (its contact email from the clinics table) that a patient asked for erasure.
 * The email carries no patient details — mail is not the place for them — only the reference
 * to open in Anagen. A failure throws so the worker retries; the request is already saved.
 */
export const deletionRequestEmailJob: JobHandler = async (raw, { deps }) => {
  const { requestId } = raw as { requestId: string };
  const db = deps.db.kysely;
  const request = await findDeletionRequest(db, requestId);
  if (!request || request.clinic_notified_at !== null) return;
  const clinic = await findClinic(db);
  if (!clinic?.email) throw new Error('the clinic has no contact email to notify');
  const at = formatClinicDateTime(Number(request.created_at), await clinicTimeZone(db), { zoneName: 'long' });
  await sendMailOnce(
    deps,
    `deletion-request:${request.id}`,
    {
      to: clinic.email,
      subject: 'A patient asked for their data to be deleted',
      text: [
        `A patient asked on ${at} for their personal data to be deleted.`,
        '',
        'Nothing has been erased. Medical records must be kept for the period the law requires, so',
        'please review the request, decide what can be deleted and what must be kept, and reply to',
        'the patient.',
        '',
        `Open Anagen → Admin → Requests to see it (${deps.config.publicUrl}/admin/requests).`,
        `Request reference: ${request.id}`,
      ].join('\n'),
    },
    (trx) => markClinicNotified(trx, request.id, deps.clock.now()),
  );
};
