import type { NoticeKind } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { dropQueuedReminders, findPatientEmail, insertDelivery } from './notices.repository';

const NOTICE_JOB = 'appointment.notice';

export interface NoticePayload {
  appointmentId: string;
  kind: NoticeKind;
  /** The appointment's ical_sequence when queued; a reminder for an older sequence is dropped. */
  sequence: number;
  deliveryId: string;
}

const SUBJECTS: Record<NoticeKind, string> = {
  confirmation: 'Your appointment is booked',
  reminder: 'Reminder: your appointment',
  cancellation: 'Your appointment was cancelled',
  reschedule: 'Your appointment has moved',
};

/**
 * Queues one message as a job plus its delivery-log row (status `queued`), in the caller's
 * transaction, so a booking and its notices commit or vanish together. A unique key that already
 * exists queues nothing (the message is already on its way or sent).
 */
async function queueNotice(
  trx: Kysely<Database>,
  n: {
    appointmentId: string;
    patientId: string;
    /** The patient's email when the caller already knows it (saves a read). */
    recipient?: string | undefined;
    kind: NoticeKind;
    sequence: number;
    runAt: number;
    uniqueKey: string;
    now: number;
  },
): Promise<void> {
  const recipient = n.recipient ?? (await findPatientEmail(trx, n.patientId));
  if (!recipient) return;
  const deliveryId = newId();
  const payload: NoticePayload = {
    appointmentId: n.appointmentId,
    kind: n.kind,
    sequence: n.sequence,
    deliveryId,
  };
  const jobId = await enqueueJob(
    trx,
    { kind: NOTICE_JOB, payload, runAt: n.runAt, uniqueKey: n.uniqueKey },
    n.now,
  );
  if (!jobId) return;
  await insertDelivery(trx, {
    id: deliveryId,
    appointment_id: n.appointmentId,
    patient_id: n.patientId,
    kind: n.kind,
    recipient,
    subject: SUBJECTS[n.kind],
    status: 'queued',
    server_response: null,
    job_id: jobId,
    created_at: n.now,
    sent_at: null,
  });
}

interface Timing {
  appointmentId: string;
  patientId: string;
  recipient?: string | undefined;
  start: number;
  sequence: number;
  reminderHours: number;
  now: number;
}

async function queueReminder(trx: Kysely<Database>, t: Timing): Promise<void> {
  const runAt = t.start - t.reminderHours * 3_600_000;
  // Booked inside the reminder window: the confirmation itself is the reminder.
  if (t.reminderHours <= 0 || runAt <= t.now) return;
  await queueNotice(trx, {
    ...t,
    kind: 'reminder',
    runAt,
    uniqueKey: `appt:${t.appointmentId}:reminder:${t.sequence}`,
  });
}

export async function queueBookingNotices(trx: Kysely<Database>, timing: Timing): Promise<void> {
  const t = { ...timing, recipient: timing.recipient ?? (await findPatientEmail(trx, timing.patientId)) };
  await queueNotice(trx, {
    ...t,
    kind: 'confirmation',
    runAt: t.now,
    uniqueKey: `appt:${t.appointmentId}:confirmation`,
  });
  await queueReminder(trx, t);
}

export async function queueRescheduleNotices(trx: Kysely<Database>, t: Timing): Promise<void> {
  await dropQueuedReminders(trx, t.appointmentId);
  await queueNotice(trx, {
    ...t,
    kind: 'reschedule',
    runAt: t.now,
    uniqueKey: `appt:${t.appointmentId}:reschedule:${t.sequence}`,
  });
  await queueReminder(trx, t);
}

export async function queueCancellationNotice(trx: Kysely<Database>, t: Timing): Promise<void> {
  await dropQueuedReminders(trx, t.appointmentId);
  await queueNotice(trx, {
    ...t,
    kind: 'cancellation',
    runAt: t.now,
    uniqueKey: `appt:${t.appointmentId}:cancellation`,
  });
}
