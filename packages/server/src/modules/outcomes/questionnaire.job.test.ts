import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer, type MailMessage } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';
import { questionnaireJob } from './questionnaire.job';
import type { QuestionnaireJobPayload } from './questionnaires.service';

const DAY = 86_400_000;
const TO = 'patient2@example.com';

/**
 * The real mailer (written to the data dir's outbox folder), recording what it sent; with `crash`
 * set, the send succeeds and then the process "dies" before the job can record it — the one window
 * in which a retried job could mail twice or with a different link.
 */
function recordingMailer(inner: Mailer) {
  const sent: MailMessage[] = [];
  const state = { crash: false };
  const mailer: Mailer = {
    async send(message) {
      const res = await inner.send(message);
      sent.push(message);
      if (state.crash) throw new Error('process died after the mail server accepted the message');
      return res;
    },
  };
  return { mailer, sent, state };
}

const tokenIn = (text: string) => /\/questionnaire\/([\w-]+)/.exec(text)?.[1] ?? '';

describe.each(DIALECTS)('questionnaire job through the mail outbox on %s', (dialect) => {
  let t: TestApp;
  let rec: ReturnType<typeof recordingMailer>;
  let call: Awaited<ReturnType<typeof careClient>>;
  let planId: string;
  const run = (payload: QuestionnaireJobPayload, jobId: string) =>
    questionnaireJob(payload, { deps: { ...t.deps, mailer: rec.mailer }, jobId });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    rec = recordingMailer(createMailer({ from: 'clinic@example.com', dataDir: t.testDb.dataDir }));
    call = await careClient(t);
    const plan = { treatmentSlug: 'prp', sessionsPlanned: 3, intervalWeeks: 4, goal: 'Density at the part' };
    planId = (await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', plan)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a retry after a crash resends the same link under the same Message-ID, and the link works', async () => {
    const payload: QuestionnaireJobPayload = { planId, month: 0, reminder: false };
    rec.state.crash = true;
    await expect(run(payload, 'job-1')).rejects.toThrow(/process died/);
    rec.state.crash = false;
    expect(rec.sent).toHaveLength(1);
    const db = t.deps.db.kysely;
    const row = await db
      .selectFrom('outcome_questionnaires')
      .select(['id', 'sent_at', 'token_hash'])
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    // Nothing recorded yet: the delivery and the link's hash commit with the outbox's "sent".
    expect(row).toMatchObject({ sent_at: null, token_hash: null });

    await run(payload, 'job-1');
    expect(rec.sent).toHaveLength(2);
    const [first, second] = rec.sent;
    expect(second!.to).toBe(TO);
    expect(first!.messageId).toMatch(/^<\w+@/);
    expect(second!.messageId).toBe(first!.messageId);
    const token = tokenIn(first!.text);
    expect(token.length).toBeGreaterThan(20);
    expect(tokenIn(second!.text)).toBe(token);
    // The link in the email the patient already had is the one that works.
    const q = await call(null, 'GET', `/api/questionnaires/by-token/${token}`);
    expect(q.status).toBe(200);
    expect(q.body.month).toBe(0);
    const outbox = await db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts'])
      .where('idempotency_key', '=', `outcomes.questionnaire:${row.id}:first`)
      .executeTakeFirstOrThrow();
    expect(outbox).toEqual({ status: 'sent', attempts: 2 });
    const deliveries = await db
      .selectFrom('deliveries')
      .select('kind')
      .where('kind', '=', 'outcome-questionnaire')
      .execute();
    expect(deliveries).toHaveLength(1);

    // A third attempt (the job retried once more) sends nothing.
    await run(payload, 'job-1');
    expect(rec.sent).toHaveLength(2);
  });

  it('sends the reminder once however often its job runs, with a new link that replaces the old one', async () => {
    const oldToken = tokenIn(rec.sent[0]!.text);
    t.clock.advance(15 * DAY);
    const reminder: QuestionnaireJobPayload = { planId, month: 0, reminder: true };
    await run(reminder, 'job-2');
    await run(reminder, 'job-2');
    const reminders = rec.sent.filter((m) => m.subject.startsWith('A reminder'));
    expect(reminders).toHaveLength(1);
    const newToken = tokenIn(reminders[0]!.text);
    expect(newToken).not.toBe(oldToken);
    expect((await call(null, 'GET', `/api/questionnaires/by-token/${oldToken}`)).status).toBe(404);
    expect((await call(null, 'GET', `/api/questionnaires/by-token/${newToken}`)).status).toBe(200);
    const logged = await t.deps.db.kysely
      .selectFrom('deliveries')
      .select('kind')
      .where('kind', '=', 'outcome-questionnaire-reminder')
      .execute();
    expect(logged).toHaveLength(1);
  });
});
