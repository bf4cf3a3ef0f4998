import type { Actor } from '@anagen/core/access';
import type { PatientQuestionnaire, QuestionnaireAnswer } from '@anagen/core/contracts';
import { asksGlobalChange, MONTH_MS, QUESTIONNAIRE_MONTHS } from '@anagen/core/outcomes';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { hashToken } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { insertAuditEntry } from '../audit/audit.repository';
import type { OutcomeQuestionnaireTable } from './outcomes.table';
import {
  answerQuestionnaireRow,
  findQuestionnaire,
  findQuestionnaireByTokenHash,
  listPatientQuestionnaireRows,
} from './questionnaires.repository';
import { treatmentDisplayName } from './treatment-names';

export const QUESTIONNAIRE_JOB = 'outcomes.questionnaire';
/** A reminder goes out this long after the questionnaire, if it is still unanswered. */
export const REMINDER_AFTER_MS = 14 * 86_400_000;
/** Answers are taken until the follow-up window of that time point closes (see compute-outcomes). */
export const ANSWER_WINDOW_MS = 42 * 86_400_000;

export interface QuestionnaireJobPayload {
  planId: string;
  month: number;
  reminder: boolean;
}

/**
 * Queues the questionnaires of a plan whose first session was just recorded: baseline now, then
 * 3, 6 and 12 months after that session. Unique job keys make this a no-op for later sessions.
 */
export async function scheduleQuestionnaires(
  trx: Transaction<Database> | Kysely<Database>,
  plan: { planId: string; startAt: number },
  now: number,
): Promise<void> {
  for (const month of QUESTIONNAIRE_MONTHS) {
    const payload: QuestionnaireJobPayload = { planId: plan.planId, month, reminder: false };
    await enqueueJob(
      trx,
      {
        kind: QUESTIONNAIRE_JOB,
        payload,
        runAt: Math.max(now, plan.startAt + month * MONTH_MS),
        uniqueKey: `outcome-questionnaire:${plan.planId}:${month}`,
      },
      now,
    );
  }
}

function questionnaireStatus(r: OutcomeQuestionnaireTable, now: number): PatientQuestionnaire['status'] {
  if (r.answered_at !== null) return 'answered';
  return Number(r.expires_at) < now ? 'expired' : 'open';
}

function toPatientQuestionnaire(r: OutcomeQuestionnaireTable, now: number): PatientQuestionnaire {
  return {
    id: r.id,
    month: Number(r.month),
    treatmentSlug: r.treatment_slug,
    treatmentName: treatmentDisplayName(r.treatment_slug),
    dueAt: Number(r.due_at),
    expiresAt: Number(r.expires_at),
    status: questionnaireStatus(r, now),
    asksGlobalChange: asksGlobalChange(Number(r.month)),
    answeredAt: r.answered_at === null ? null : Number(r.answered_at),
    answers:
      r.answered_at === null || r.satisfaction === null
        ? null
        : {
            globalChange: r.global_change === null ? null : Number(r.global_change),
            satisfaction: Number(r.satisfaction),
            comment: r.comment,
          },
  };
}

interface Deps {
  db: Kysely<Database>;
  clock: { now(): number };
}

/** The questionnaire behind an emailed link, or 404 (unknown or replaced link) — never whose it is. */
export async function questionnaireByToken(deps: Deps, token: string): Promise<PatientQuestionnaire> {
  const row = await findQuestionnaireByTokenHash(deps.db, hashToken(token));
  if (!row) throw notFound('Questionnaire');
  return toPatientQuestionnaire(row, deps.clock.now());
}

async function answer(
  deps: Deps,
  row: OutcomeQuestionnaireTable,
  input: QuestionnaireAnswer,
  via: 'portal' | 'link',
  actor: Pick<Actor, 'userId' | 'role'> | null,
  ip: string | null,
): Promise<PatientQuestionnaire> {
  const now = deps.clock.now();
  const status = questionnaireStatus(row, now);
  if (status === 'answered') throw new AppError('CONFLICT', 'This questionnaire has already been answered.');
  if (status === 'expired')
    throw new AppError('LINK_EXPIRED', 'This questionnaire has closed. Thank you all the same.');
  const month = Number(row.month);
  if (!asksGlobalChange(month) && input.globalChange !== undefined && input.globalChange !== null) {
    throw new AppError('VALIDATION_FAILED', 'The baseline questionnaire does not ask about change.', {
      errors: [{ path: 'body.globalChange', message: 'Not asked before treatment' }],
    });
  }
  if (asksGlobalChange(month) && (input.globalChange === undefined || input.globalChange === null)) {
    throw new AppError('VALIDATION_FAILED', 'Please say how your hair has changed.', {
      errors: [{ path: 'body.globalChange', message: 'Choose one answer' }],
    });
  }
  const saved = await deps.db.transaction().execute(async (trx) => {
    const ok = await answerQuestionnaireRow(
      trx,
      row.id,
      {
        globalChange: input.globalChange ?? null,
        satisfaction: input.satisfaction,
        comment: input.comment ? input.comment : null,
        via,
      },
      now,
    );
    if (!ok) return false;
    await insertAuditEntry(trx, {
      at: now,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? 'patient-link',
      action: 'questionnaire.answer',
      resource: 'questionnaire',
      resourceId: row.id,
      patientId: row.patient_id,
      ip,
    });
    return true;
  });
  if (!saved) throw new AppError('CONFLICT', 'This questionnaire has already been answered.');
  return toPatientQuestionnaire((await findQuestionnaire(deps.db, row.id))!, now);
}

/** Answers from the emailed link (no sign-in: the token is the proof). */
export async function answerByToken(
  deps: Deps,
  token: string,
  input: QuestionnaireAnswer,
  ip: string | null,
): Promise<PatientQuestionnaire> {
  const row = await findQuestionnaireByTokenHash(deps.db, hashToken(token));
  if (!row) throw notFound('Questionnaire');
  return answer(deps, row, input, 'link', null, ip);
}

/** Answers in the portal by the signed-in patient (access checked by the route). */
export async function answerInPortal(
  deps: Deps,
  actor: Actor,
  patientId: string,
  questionnaireId: string,
  input: QuestionnaireAnswer,
  ip: string | null,
): Promise<PatientQuestionnaire> {
  const row = await findQuestionnaire(deps.db, questionnaireId);
  if (!row || row.patient_id !== patientId) throw notFound('Questionnaire');
  return answer(deps, row, input, 'portal', actor, ip);
}

export async function listPatientQuestionnaires(
  deps: Deps,
  patientId: string,
): Promise<PatientQuestionnaire[]> {
  const now = deps.clock.now();
  return (await listPatientQuestionnaireRows(deps.db, patientId)).map((r) => toPatientQuestionnaire(r, now));
}
