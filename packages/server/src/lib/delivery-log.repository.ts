import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from './ids';

/**
 * One sent email in the delivery log (the clinic's record of what reached whom), for the notices
 * that are not about an appointment: preparation and post-care mail, side-effect replies and
 * outcome questionnaires. Written in the outbox's transaction where the mail went through it.
 */
export async function logDelivery(
  db: Kysely<Database>,
  d: {
    patientId: string;
    kind: string;
    recipient: string;
    subject: string;
    response: string;
    jobId: string;
    now: number;
  },
): Promise<void> {
  await db
    .insertInto('deliveries')
    .values({
      id: newId(),
      appointment_id: null,
      patient_id: d.patientId,
      kind: d.kind,
      recipient: d.recipient,
      subject: d.subject,
      status: 'sent',
      server_response: d.response.slice(0, 500),
      job_id: d.jobId,
      created_at: d.now,
      sent_at: d.now,
    })
    .execute();
}
