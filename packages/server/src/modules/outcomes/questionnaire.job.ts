import { createHmac } from 'node:crypto';
import { MONTH_MS } from '@anagen/core/outcomes';
import type { Config } from '../../config';
import { logDelivery } from '../../lib/delivery-log.repository';
import { hashToken, newId, newToken } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import type { JobHandler } from '../../lib/jobs/worker';
import { sendMailOnce } from '../../lib/mail-outbox';
import { keyringFor, SecretKeyMissingError } from '../../lib/secret-box';
import { getClinicContact } from '../care-templates/care-settings';
import {
  findPlanForQuestionnaire,
  findQuestionnaireForPlan,
  firstSessionAt,
  insertQuestionnaire,
  markQuestionnaireSent,
} from './questionnaires.repository';
import {
  ANSWER_WINDOW_MS,
  QUESTIONNAIRE_JOB,
  type QuestionnaireJobPayload,
  REMINDER_AFTER_MS,
} from './questionnaires.service';
import { treatmentDisplayName } from './treatment-names';

const when = (month: number) =>
  month === 0 ? 'before your treatment starts' : `${month} months into your treatment`;

/**
 * The link token of one email (`outboxKey`): the same on every attempt of that email, so a retry
 * after the mail server accepted it but before we recorded it resends the link the patient already
 * has (same Message-ID), and that link works. Derived with the server's secret key, which is not in
 * the database: a copy of the database (which holds only token hashes) still gives no working link.
 * A production server started without ANAGEN_SECRET_KEY gets a random token per attempt instead
 * (only that crash window is then exposed: the first email's link would not work).
 */
function questionnaireLinkToken(
  config: Pick<Config, 'secretKey' | 'previousSecretKeys' | 'production' | 'dataDir'>,
  outboxKey: string,
): string {
  try {
    const ring = keyringFor(config);
    return createHmac('sha256', ring.keys.get(ring.currentId)!)
      .update(`questionnaire-link:${outboxKey}`)
      .digest('base64url');
  } catch (err) {
    if (!(err instanceof SecretKeyMissingError)) throw err;
    return newToken();
  }
}

/**
 * Sends a plan's questionnaire for one time point (creating it on first send) or its one reminder,
 * through the mail outbox with the delivery log. Each email carries a fresh link; the previous link of
 * the same questionnaire stops working, so an old email cannot be answered after a newer one. A retried
 * job sends no email twice: one outbox key per questionnaire and kind (first email, reminder), and the
 * link's token is recorded in the transaction that marks the email sent.
 */
export const questionnaireJob: JobHandler = async (raw, { deps, jobId }) => {
  const p = raw as QuestionnaireJobPayload;
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const plan = await findPlanForQuestionnaire(db, p.planId);
  if (!plan) return;
  let row = await findQuestionnaireForPlan(db, p.planId, p.month);
  if (p.reminder && (!row || row.answered_at !== null || Number(row.expires_at) < now)) return;
  if (!row) {
    const dueAt = ((await firstSessionAt(db, p.planId)) ?? now) + p.month * MONTH_MS;
    row = {
      id: newId(),
      patient_id: plan.patient_id,
      plan_id: plan.id,
      treatment_slug: plan.treatment_slug,
      month: p.month,
      due_at: dueAt,
      expires_at: Math.max(now, dueAt) + ANSWER_WINDOW_MS,
      token_hash: null,
      sent_at: null,
      reminded_at: null,
      answered_at: null,
      answered_via: null,
      global_change: null,
      satisfaction: null,
      comment: null,
      created_at: now,
    };
    await insertQuestionnaire(db, row);
  } else if (!p.reminder && row.sent_at !== null) {
    return; // a retried job: the first email already went out
  }
  const outboxKey = `outcomes.questionnaire:${row.id}:${p.reminder ? 'reminder' : 'first'}`;
  const token = questionnaireLinkToken(deps.config, outboxKey);
  const clinic = await getClinicContact(db);
  const link = `${deps.config.publicUrl}/questionnaire/${token}`;
  const treatment = treatmentDisplayName(plan.treatment_slug);
  const subject = p.reminder
    ? 'A reminder: three short questions about your hair'
    : 'Three short questions about your hair';
  const text = [
    `Hello ${plan.name.split(' ')[0]},`,
    '',
    `${clinic.name} asks everyone on ${treatment} the same three short questions ${when(p.month)}, so that you`,
    'and your clinician can see how it is going from your side, beside the measurements.',
    '',
    `Answer here (about a minute): ${link}`,
    '',
    `You can also answer in your portal under "Progress". The questions close on ${new Date(Number(row.expires_at)).toISOString().slice(0, 10)}.`,
    'Answering is optional and does not change your care.',
    `${clinic.name}: ${clinic.phone}.`,
  ].join('\n');
  const questionnaireId = row.id;
  await sendMailOnce(deps, outboxKey, { to: plan.email, subject, text }, async (trx, res) => {
    await markQuestionnaireSent(
      trx,
      questionnaireId,
      hashToken(token),
      p.reminder ? 'reminded_at' : 'sent_at',
      now,
    );
    await logDelivery(trx, {
      patientId: plan.patient_id,
      kind: p.reminder ? 'outcome-questionnaire-reminder' : 'outcome-questionnaire',
      recipient: plan.email,
      subject,
      response: res.response,
      jobId,
      now,
    });
  });
  if (!p.reminder) {
    const payload: QuestionnaireJobPayload = { ...p, reminder: true };
    await enqueueJob(
      db,
      {
        kind: QUESTIONNAIRE_JOB,
        payload,
        runAt: now + REMINDER_AFTER_MS,
        uniqueKey: `outcome-questionnaire-reminder:${p.planId}:${p.month}`,
      },
      now,
    );
  }
};
