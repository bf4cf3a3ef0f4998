import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { getCareSettings } from '../care-templates/care-settings';
import { consultationDone, insertConsultationOverride } from './plans.repository';

export interface ConsultationCheck {
  /** done: a consultation took place; not-required: the clinic turned the rule off; overridden: staff gave a reason. */
  outcome: 'done' | 'not-required' | 'overridden';
}

export interface ConsultationOverride {
  /** Why staff book the procedure anyway (at least 5 characters); stored and audited. */
  reason: string;
  actorId: string | null;
}

/**
 * The rule "a procedure cannot be booked until a consultation has taken place" (clinic setting
 * `requireConsultationBeforeProcedure`, on by default). Throws CONSULTATION_REQUIRED (422) when no
 * consultation took place and no override is given; with an override it records the reason.
 * Pass the booking transaction as `db` so the override row commits or rolls back with the booking.
 */
export async function assertConsultationDone(
  db: Kysely<Database>,
  patientId: string,
  opts: { now: number; override?: ConsultationOverride | undefined },
): Promise<ConsultationCheck> {
  const settings = await getCareSettings(db);
  if (!settings.requireConsultationBeforeProcedure) return { outcome: 'not-required' };
  if (await consultationDone(db, patientId, opts.now)) return { outcome: 'done' };
  const reason = opts.override?.reason.trim() ?? '';
  if (!opts.override) {
    throw new AppError(
      'CONSULTATION_REQUIRED',
      'This patient has not had a consultation yet. Book a consultation first, or give a reason to override.',
    );
  }
  if (reason.length < 5) {
    throw new AppError(
      'CONSULTATION_REQUIRED',
      'Give a reason of at least 5 characters to override the consultation rule.',
    );
  }
  await insertConsultationOverride(db, {
    id: newId(),
    patient_id: patientId,
    reason,
    created_by: opts.override.actorId,
    created_at: opts.now,
  });
  return { outcome: 'overridden' };
}
