import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { OutcomeQuestionnaireTable } from './outcomes.table';

export async function findQuestionnaireForPlan(
  db: Kysely<Database>,
  planId: string,
  month: number,
): Promise<OutcomeQuestionnaireTable | undefined> {
  return db
    .selectFrom('outcome_questionnaires')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export async function findQuestionnaireByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<OutcomeQuestionnaireTable | undefined> {
  return db
    .selectFrom('outcome_questionnaires')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findQuestionnaire(
  db: Kysely<Database>,
  id: string,
): Promise<OutcomeQuestionnaireTable | undefined> {
  return db.selectFrom('outcome_questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPatientQuestionnaireRows(
  db: Kysely<Database>,
  patientId: string,
): Promise<OutcomeQuestionnaireTable[]> {
  return db
    .selectFrom('outcome_questionnaires')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

export async function insertQuestionnaire(
  db: Kysely<Database>,
  row: OutcomeQuestionnaireTable,
): Promise<void> {
  await db.insertInto('outcome_questionnaires').values(row).execute();
}

export async function markQuestionnaireSent(
  db: Kysely<Database>,
  id: string,
  tokenHash: string,
  field: 'sent_at' | 'reminded_at',
  now: number,
): Promise<void> {
  await db
    .updateTable('outcome_questionnaires')
    .set({ token_hash: tokenHash, [field]: now })
    .where('id', '=', id)
    .execute();
}

/** Stores the answers once: false when it was answered meanwhile (nothing changed then). */
export async function answerQuestionnaireRow(
  db: Kysely<Database>,
  id: string,
  a: { globalChange: number | null; satisfaction: number; comment: string | null; via: 'portal' | 'link' },
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('outcome_questionnaires')
    .set({
      global_change: a.globalChange,
      satisfaction: a.satisfaction,
      comment: a.comment,
      answered_via: a.via,
      answered_at: now,
      // The link has done its job; it cannot be replayed.
      token_hash: null,
    })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findPlanForQuestionnaire(db: Kysely<Database>, planId: string) {
  return db
    .selectFrom('treatment_plans as p')
    .innerJoin('patients as pt', 'pt.id', 'p.patient_id')
    .select(['p.id', 'p.patient_id', 'p.treatment_slug', 'p.status', 'pt.name', 'pt.email'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

/** Answered global-change values of a treatment's questionnaires, for the clinic report. */
export async function listGlobalChangeAnswers(
  db: Kysely<Database>,
  treatmentSlug: string,
): Promise<{ patient_id: string; month: number; global_change: number }[]> {
  const rows = await db
    .selectFrom('outcome_questionnaires')
    .select(['patient_id', 'month', 'global_change'])
    .where('treatment_slug', '=', treatmentSlug)
    .where('global_change', 'is not', null)
    .where('answered_at', 'is not', null)
    .execute();
  return rows.map((r) => ({
    patient_id: r.patient_id,
    month: Number(r.month),
    global_change: Number(r.global_change),
  }));
}

export async function firstSessionAt(db: Kysely<Database>, planId: string): Promise<number | null> {
  const row = await db
    .selectFrom('treatment_sessions')
    .select((e) => e.fn.min('performed_at').as('start'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.start === null || row?.start === undefined ? null : Number(row.start);
}
