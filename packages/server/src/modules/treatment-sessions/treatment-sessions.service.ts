import type {
  newSessionSchema,
  SessionPreparation,
  SessionRecord,
  updateSessionSchema,
} from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { findActiveTemplate } from '../care-templates/care-templates.repository';
import { scheduleQuestionnaires } from '../outcomes/questionnaires.service';
import { findPlan } from '../plans/plans.repository';
import {
  findAppointmentPatientId,
  findSession,
  insertAddendum,
  insertSession,
  providerExists,
  signSessionRow,
  updateDraftSession,
} from './treatment-sessions.repository';

const POST_CARE_JOB = 'care.post-care-email';

// Which structured preparation fits which treatment; "other" fits any, unknown treatments take any.
const PREPARATION_KINDS: Record<string, SessionPreparation['kind'][]> = {
  prp: ['prp', 'other'],
  'adipose-derived-cell-therapy': ['adipose', 'other'],
  exosomes: ['exosome', 'other'],
};

function checkPreparation(treatmentSlug: string, prep: SessionPreparation | undefined): void {
  const allowed = PREPARATION_KINDS[treatmentSlug];
  if (prep && allowed && !allowed.includes(prep.kind)) {
    throw new AppError(
      'UNPROCESSABLE',
      `Preparation details of kind "${prep.kind}" do not fit a ${treatmentSlug} session.`,
      { errors: [{ path: 'body.preparation.kind', message: `Use one of: ${allowed.join(', ')}` }] },
    );
  }
}

async function checkProvider(db: Kysely<Database>, providerId: string): Promise<void> {
  if (!(await providerExists(db, providerId))) {
    throw new AppError('UNPROCESSABLE', 'That provider does not exist.', {
      errors: [{ path: 'body.providerId', message: 'Unknown provider' }],
    });
  }
}

/**
 * Records a session as a draft, remembers the post-care version in force and queues the
 * post-care email. The plan, when given, must be this patient's and for the same treatment.
 */
export async function recordSession(
  db: Kysely<Database>,
  patientId: string,
  input: z.output<typeof newSessionSchema>,
  actor: { userId: string },
  now: number,
): Promise<SessionRecord> {
  if (input.planId) {
    const plan = await findPlan(db, input.planId);
    if (!plan || plan.patientId !== patientId) {
      throw new AppError('UNPROCESSABLE', "That plan is not one of this patient's plans.", {
        errors: [{ path: 'body.planId', message: 'Not a plan of this patient' }],
      });
    }
    if (plan.treatmentSlug !== input.treatmentSlug) {
      throw new AppError(
        'UNPROCESSABLE',
        `That plan is for ${plan.treatmentSlug}, not ${input.treatmentSlug}.`,
      );
    }
  }
  refuseFuture(input.performedAt, now);
  if (input.appointmentId) {
    if ((await findAppointmentPatientId(db, input.appointmentId)) !== patientId) {
      throw new AppError('UNPROCESSABLE', "That appointment is not one of this patient's appointments.", {
        errors: [{ path: 'body.appointmentId', message: 'Not an appointment of this patient' }],
      });
    }
  }
  await checkProvider(db, input.providerId);
  checkPreparation(input.treatmentSlug, input.preparation);
  const postCare = await findActiveTemplate(db, 'post-care', input.treatmentSlug);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id,
      patient_id: patientId,
      plan_id: input.planId ?? null,
      appointment_id: input.appointmentId ?? null,
      provider_id: input.providerId,
      treatment_slug: input.treatmentSlug,
      performed_at: input.performedAt,
      products_json: JSON.stringify(input.products),
      preparation_json: input.preparation ? JSON.stringify(input.preparation) : null,
      anaesthesia: input.anaesthesia || null,
      injection_map_json: JSON.stringify(input.injectionMap),
      notes: input.notes || null,
      status: 'draft',
      signed_at: null,
      signed_by: null,
      post_care_template_id: postCare?.id ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    // The plan's outcome questionnaires count from its first session (no-op for later ones).
    if (input.planId)
      await scheduleQuestionnaires(trx, { planId: input.planId, startAt: input.performedAt }, now);
    if (postCare) {
      await enqueueJob(
        trx,
        { kind: POST_CARE_JOB, payload: { sessionId: id }, runAt: now, uniqueKey: `post-care:${id}` },
        now,
      );
    }
  });
  return (await findSession(db, id))!;
}

/** Loads a session of this patient or answers 404 (never another patient's record). */
export async function sessionOfPatient(
  db: Kysely<Database>,
  patientId: string,
  sid: string,
): Promise<SessionRecord> {
  const s = await findSession(db, sid);
  if (!s || s.patientId !== patientId) throw notFound('Session record');
  return s;
}

const SIGNED = () =>
  new AppError('RECORD_SIGNED', 'This session record is signed. Add an addendum instead of editing it.');

/** A session recorded for later than the coming hour is a clock or typing mistake. */
function refuseFuture(performedAt: number, now: number): void {
  if (performedAt > now + 60 * 60_000) {
    throw new AppError('UNPROCESSABLE', 'A session cannot be recorded for a time in the future.', {
      errors: [{ path: 'body.performedAt', message: 'This cannot be in the future' }],
    });
  }
}

export async function editDraftSession(
  db: Kysely<Database>,
  session: SessionRecord,
  patch: z.output<typeof updateSessionSchema>,
  now: number,
): Promise<SessionRecord> {
  if (session.status === 'signed') throw SIGNED();
  if (patch.performedAt !== undefined) refuseFuture(patch.performedAt, now);
  if (patch.providerId) await checkProvider(db, patch.providerId);
  checkPreparation(session.treatmentSlug, patch.preparation);
  const ok = await updateDraftSession(db, session.id, {
    ...(patch.providerId !== undefined && { provider_id: patch.providerId }),
    ...(patch.performedAt !== undefined && { performed_at: patch.performedAt }),
    ...(patch.products !== undefined && { products_json: JSON.stringify(patch.products) }),
    ...(patch.preparation !== undefined && { preparation_json: JSON.stringify(patch.preparation) }),
    ...(patch.anaesthesia !== undefined && { anaesthesia: patch.anaesthesia || null }),
    ...(patch.injectionMap !== undefined && { injection_map_json: JSON.stringify(patch.injectionMap) }),
    ...(patch.notes !== undefined && { notes: patch.notes || null }),
    updated_at: now,
  });
  if (!ok) throw SIGNED();
  return (await findSession(db, session.id))!;
}

export async function signSession(
  db: Kysely<Database>,
  session: SessionRecord,
  userId: string,
  now: number,
): Promise<SessionRecord> {
  if (session.status === 'signed' || !(await signSessionRow(db, session.id, userId, now))) {
    throw new AppError('RECORD_SIGNED', 'This session record is already signed.');
  }
  return (await findSession(db, session.id))!;
}

export async function addAddendum(
  db: Kysely<Database>,
  session: SessionRecord,
  text: string,
  userId: string,
  now: number,
): Promise<SessionRecord> {
  await insertAddendum(db, {
    id: newId(),
    session_id: session.id,
    text,
    created_by: userId,
    created_at: now,
  });
  return (await findSession(db, session.id))!;
}
