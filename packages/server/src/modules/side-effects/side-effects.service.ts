import type {
  reportSideEffectSchema,
  reviewSideEffectSchema,
  SideEffectReport,
  SideEffectResponse,
} from '@anagen/core/contracts';
import { type SideEffectTriage, triageSideEffect, URGENT_REASON_ADVICE } from '@anagen/core/triage';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { getCareSettings, getClinicContact } from '../care-templates/care-settings';
import {
  findReport,
  findSessionTreatment,
  getReport,
  insertAlert,
  insertReport,
  recordReview,
  toReport,
} from './side-effects.repository';

const URGENT_ALERT_JOB = 'care.urgent-alert-email';
const EMERGENCY_NUMBER = '911';
/** US Suicide & Crisis Lifeline (call or text, 24 hours). */
const CRISIS_LINE = '988';

function adviceMessage(triage: SideEffectTriage, phone: string, hours: number): string {
  // The rule-specific lines say what to do for each reason that fired (stroke, bleeding, 988 …).
  const specific = triage.reasons.flatMap((r) => URGENT_REASON_ADVICE[r] ?? []);
  const tail = specific.length > 0 ? ` ${specific.join(' ')}` : '';
  if (triage.urgency === 'urgent' && triage.emergencyFirst) {
    return `Please call emergency services (${EMERGENCY_NUMBER}) now. Then call the clinic at ${phone}. Do not wait for a reply here.${tail}`;
  }
  if (triage.urgency === 'urgent') {
    return `Please call the clinic now at ${phone}. What you describe needs to be seen soon. If you cannot reach us, or you feel very unwell, call emergency services (${EMERGENCY_NUMBER}).${tail}`;
  }
  return `Thank you for telling us. A clinician will review your report within ${hours} hours. If it gets worse (fever, redness that spreads, pus, severe pain, or swelling of the face or lips), call the clinic at ${phone} or emergency services (${EMERGENCY_NUMBER}).`;
}

/**
 * Stores a side-effect report, triages it with the core rules and, when urgent, raises a staff
 * alert and queues the clinician email in the same transaction. The related session, if any, must
 * be the patient's own.
 */
export async function reportSideEffect(
  db: Kysely<Database>,
  patientId: string,
  input: z.output<typeof reportSideEffectSchema>,
  reporterId: string,
  now: number,
): Promise<SideEffectResponse> {
  if (input.onsetAt > now + 5 * 60_000) {
    throw new AppError('UNPROCESSABLE', 'The start of the symptoms cannot be in the future.', {
      errors: [{ path: 'body.onsetAt', message: 'This cannot be in the future' }],
    });
  }
  let treatmentSlug: string | null = null;
  if (input.sessionId) {
    const s = await findSessionTreatment(db, input.sessionId);
    if (s?.patient_id !== patientId) {
      throw new AppError('UNPROCESSABLE', 'That session is not one of your sessions.', {
        errors: [{ path: 'body.sessionId', message: 'Not a session of this patient' }],
      });
    }
    treatmentSlug = s.treatment_slug;
  }
  const settings = await getCareSettings(db);
  const triage = triageSideEffect(
    { symptoms: input.symptoms, severity: input.severity },
    { now, routineReviewHours: settings.sideEffectReviewHours },
  );
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertReport(trx, {
      id,
      patient_id: patientId,
      session_id: input.sessionId ?? null,
      treatment_slug: treatmentSlug,
      symptoms_json: JSON.stringify(input.symptoms),
      severity: input.severity,
      onset_at: input.onsetAt,
      note: input.note || null,
      urgency: triage.urgency,
      reasons_json: JSON.stringify(triage.reasons),
      review_due_at: triage.reviewDueAt,
      status: 'open',
      assessment: null,
      outcome: null,
      reviewed_by: null,
      reviewed_at: null,
      reported_by: reporterId,
      created_at: now,
      follow_up_at: null,
    });
    if (triage.urgency === 'urgent') {
      const alertId = newId();
      await insertAlert(trx, {
        id: alertId,
        kind: 'urgent-side-effect',
        patient_id: patientId,
        report_id: id,
        created_at: now,
        acknowledged_at: null,
        acknowledged_by: null,
      });
      await enqueueJob(
        trx,
        { kind: URGENT_ALERT_JOB, payload: { alertId }, runAt: now, uniqueKey: `urgent-alert:${alertId}` },
        now,
      );
    }
  });
  const clinic = await getClinicContact(db);
  const row = await findReport(db, id);
  return {
    report: toReport(row!),
    advice: {
      urgency: triage.urgency,
      emergencyFirst: triage.emergencyFirst,
      clinicPhone: clinic.phone,
      emergencyNumber: EMERGENCY_NUMBER,
      crisisLine: triage.crisisLine ? CRISIS_LINE : null,
      message: adviceMessage(triage, clinic.phone, settings.sideEffectReviewHours),
    },
  };
}

const FOLLOW_UP_REMINDER_JOB = 'care.side-effect-follow-up';
const REVIEW_NOTICE_JOB = 'care.side-effect-reply';

/**
 * A clinician's review of a report. `monitoring` keeps it open until `followUpAt` (which must be
 * ahead) and queues a reminder to that clinician for then; any other outcome closes it. Either way
 * the patient is told by email that there is a reply in the portal. One transaction: the review,
 * its history row and both jobs are written together or not at all.
 */
export async function reviewSideEffect(
  db: Kysely<Database>,
  patientId: string,
  reportId: string,
  input: z.output<typeof reviewSideEffectSchema>,
  reviewerId: string,
  now: number,
): Promise<SideEffectReport> {
  const row = await findReport(db, reportId);
  if (!row || row.patient_id !== patientId) throw notFound('Side-effect report');
  const followUpAt = input.outcome === 'monitoring' ? (input.followUpAt ?? null) : null;
  if (input.outcome === 'monitoring' && (followUpAt === null || followUpAt <= now)) {
    throw new AppError('VALIDATION_FAILED', 'Choose a follow-up date after today.', {
      errors: [{ path: 'body.followUpAt', message: 'Choose a follow-up date after today' }],
    });
  }
  if (row.status === 'reviewed') {
    throw new AppError('CONFLICT', 'This report has been reviewed already; its review stands as recorded.');
  }
  const ok = await db.transaction().execute(async (trx) => {
    const done = await recordReview(trx, reportId, {
      assessment: input.assessment,
      outcome: input.outcome,
      followUpAt,
      userId: reviewerId,
      now,
      expectReviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
    });
    if (!done) return false;
    if (followUpAt !== null) {
      await enqueueJob(
        trx,
        {
          kind: FOLLOW_UP_REMINDER_JOB,
          payload: { reportId, followUpAt, clinicianId: reviewerId },
          runAt: followUpAt,
          uniqueKey: `se-follow-up:${reportId}:${followUpAt}`,
        },
        now,
      );
    }
    await enqueueJob(
      trx,
      {
        kind: REVIEW_NOTICE_JOB,
        payload: { reportId, reviewedAt: now },
        runAt: now,
        uniqueKey: `se-reply:${reportId}:${now}`,
      },
      now,
    );
    return true;
  });
  if (!ok) {
    throw new AppError(
      'CONFLICT',
      'This report was reviewed by someone else a moment ago. Reload it to see their review.',
    );
  }
  return (await getReport(db, reportId))!;
}
