import { hashToken, newToken } from '../../lib/ids';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { findAppointmentView, insertToken } from '../booking/booking.repository';
import { readNoticeNotes } from '../clinic/clinic.repository';
import { composeNotice } from './notice-message';
import type { NoticePayload } from './notices';
import {
  deleteUnsentDelivery,
  findDelivery,
  markDeliveryFailed,
  markDeliverySent,
} from './notices.repository';

/**
 * Sends one appointment message and records the outcome in its delivery row: `sent` with the mail
 * server's answer, or `failed` with the error (the job is then retried with backoff). A delivery
 * already `sent` is never sent again, and a reminder for a moved or cancelled appointment is dropped.
 * Each message carries its own fresh link token; only its hash is stored.
 */
export const appointmentNoticeJob: JobHandler = async (payload, { deps }) => {
  const p = payload as NoticePayload;
  const k = deps.db.kysely;
  const delivery = await findDelivery(k, p.deliveryId);
  if (!delivery || delivery.status === 'sent') return;
  // Messages never list resources; the clinic's contact details come with the view.
  const view = await findAppointmentView(k, p.appointmentId, { resources: false });
  if (!view) return;
  if (p.kind === 'reminder' && (view.status !== 'booked' || view.ical_sequence !== p.sequence)) {
    await deleteUnsentDelivery(k, delivery.id);
    return;
  }
  const now = deps.clock.now();
  const clinic = { name: view.clinic_name, email: view.clinic_email, phone: view.clinic_phone };
  const token = newToken();
  const base = deps.config.publicUrl;
  const q = `token=${encodeURIComponent(token)}`;
  const message = composeNotice(
    p.kind,
    view,
    clinic,
    {
      manageUrl: `${base}/manage/${encodeURIComponent(view.id)}?${q}`,
      confirmUrl: `${base}/api/appointments/${encodeURIComponent(view.id)}/confirm?${q}`,
    },
    now,
    (await readNoticeNotes(k))[p.kind],
  );
  try {
    // The link's token is stored with the outcome and the outbox row, in one commit: a recipient
    // cannot click within milliseconds, and if this commit is lost the retry resends (same
    // Message-ID) with a fresh link.
    await sendMailOnce(deps, `delivery:${delivery.id}`, message, async (trx, result) => {
      await insertToken(trx, hashToken(token), view.id, `email:${p.kind}`, now);
      await markDeliverySent(trx, delivery.id, {
        subject: message.subject,
        recipient: message.to,
        serverResponse: result.response.slice(0, 1000),
        sentAt: deps.clock.now(),
      });
    });
  } catch (err) {
    const e = err as { response?: string; message?: string };
    await markDeliveryFailed(k, delivery.id, {
      subject: message.subject,
      serverResponse: String(e.response ?? e.message ?? err).slice(0, 1000),
    });
    throw err;
  }
};
