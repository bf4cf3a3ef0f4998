import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';

const H = 3_600_000;

describe.each(DIALECTS)('side effects, alerts and stats on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      sent.push(m);
      return { response: '250 ok', messageId: String(sent.length) };
    },
  };
  let sessionId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { mailer });
    call = await careClient(t);
    const s = await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', {
      providerId: 'demo-provider-morgan',
      treatmentSlug: 'prp',
      performedAt: t.clock.now() - 24 * H,
      injectionMap: [{ zone: 'vertex', volumeMl: 4 }],
    });
    sessionId = s.body.id;
    await call('clinician', 'POST', `/api/patients/demo-patient-1/sessions/${sessionId}/sign`);
  });
  afterAll(() => t.close());

  it('triages a routine report, due for review within the clinic-set hours', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['redness', 'swelling'],
      severity: 3,
      onsetAt: t.clock.now() - 2 * H,
      sessionId,
      note: 'Forehead a bit puffy this morning.',
    });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({
      urgency: 'routine',
      status: 'open',
      treatmentSlug: 'prp',
      reviewDueAt: t.clock.now() + 24 * H,
    });
    expect(res.body.advice.message).toMatch(/within 24 hours/);
    expect((await call('clinician', 'GET', '/api/alerts')).body).toEqual([]);
  });

  it('triages an urgent report: advice with the clinic phone and 911, a staff alert and a clinician email', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['pus', 'fever'],
      severity: 6,
      onsetAt: t.clock.now() - H,
      sessionId,
    });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ urgency: 'urgent', reasons: ['fever', 'pus'] });
    expect(res.body.advice).toMatchObject({
      urgency: 'urgent',
      clinicPhone: '+1 415 555 0134',
      emergencyNumber: '911',
    });
    expect(res.body.advice.message).toContain('+1 415 555 0134');
    expect(res.body.advice.message).toContain('911');

    const alerts = (await call('clinician', 'GET', '/api/alerts')).body;
    expect(alerts).toMatchObject([
      { patientId: 'demo-patient-1', patientName: 'Pat Rivera', reasons: ['fever', 'pus'] },
    ]);
    // "Contact the patient now" needs the number at hand, for the desk too.
    const deskView = (await call('desk', 'GET', '/api/alerts')).body;
    expect(deskView[0]).toMatchObject({
      patientPhone: '+1 415 555 0101',
      patientEmail: 'patient@example.com',
    });
    expect(deskView[0].reasons).toBeNull();
    expect((await call('patient', 'GET', '/api/alerts')).status).toBe(403);

    await t.worker.runDueJobs();
    const mails = sent.filter((m) => m.subject.startsWith('Urgent side-effect'));
    expect(mails.map((m) => m.to)).toEqual(['clinician@example.com']);
    expect(mails[0]!.text).not.toContain('Pat Rivera');
    // Clinic time with the zone named, never a bare UTC time.
    expect(mails[0]!.text).toMatch(/ (AM|PM) Pacific (Standard|Daylight) Time/);
    expect(mails[0]!.text).not.toContain('UTC');

    // Admins and the desk may not write clinical records, so they may not acknowledge either.
    for (const role of ['admin', 'desk'] as const) {
      const denied = await call(role, 'POST', `/api/alerts/${alerts[0].id}/acknowledge`);
      expect(denied.status, role).toBe(403);
    }
    expect((await call('patient', 'POST', `/api/alerts/${alerts[0].id}/acknowledge`)).status).toBe(403);
    expect((await call('clinician', 'GET', '/api/alerts')).body).toHaveLength(1);
    const ack = await call('clinician', 'POST', `/api/alerts/${alerts[0].id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect((await call('clinician', 'POST', `/api/alerts/${alerts[0].id}/acknowledge`)).status).toBe(409);
    expect((await call('desk', 'POST', `/api/alerts/${alerts[0].id}/acknowledge`)).status).toBe(403);
    expect((await call('clinician', 'GET', '/api/alerts')).body).toEqual([]);
    expect((await call('clinician', 'GET', '/api/alerts?status=all')).body).toHaveLength(1);
  });

  it('says emergency services first for breathing trouble', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['trouble-breathing'],
      severity: 8,
      onsetAt: t.clock.now(),
    });
    expect(res.body.advice.emergencyFirst).toBe(true);
    expect(res.body.advice.message).toMatch(/^Please call emergency services \(911\) now/);
    expect(res.body.advice.crisisLine).toBeNull();
  });

  it('gives the 988 crisis line for low mood or thoughts of self-harm, and raises an alert', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['self-harm-thoughts'],
      severity: 2,
      onsetAt: t.clock.now(),
    });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ urgency: 'urgent', reasons: ['low-mood-or-self-harm'] });
    expect(res.body.advice).toMatchObject({ urgency: 'urgent', emergencyFirst: false, crisisLine: '988' });
    expect(res.body.advice.message).toMatch(/^Please call the clinic now/);
    expect(res.body.advice.message).toContain('Call or text 988');
    const alerts = (await call('clinician', 'GET', '/api/alerts')).body as { reportId: string }[];
    expect(alerts.map((a) => a.reportId)).toContain(res.body.report.id);
  });

  it('names emergency services first for stroke signs and says what to do', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['stroke-signs'],
      severity: 1,
      onsetAt: t.clock.now(),
    });
    expect(res.body.report.reasons).toEqual(['stroke-signs']);
    expect(res.body.advice.emergencyFirst).toBe(true);
    expect(res.body.advice.message).toMatch(/^Please call emergency services \(911\) now/);
    expect(res.body.advice.message).toMatch(/stroke/);
  });

  it('tells someone with blanched or dusky skin after an injection to call the clinic now', async () => {
    const res = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['skin-blanching-or-dusky'],
      severity: 1,
      onsetAt: t.clock.now(),
    });
    expect(res.body.advice).toMatchObject({ urgency: 'urgent', emergencyFirst: false });
    expect(res.body.advice.message).toMatch(/blood vessel is blocked. Call the clinic now/);
  });

  it('refuses bad reports and another patient’s session, storing nothing', async () => {
    const before = (await call('patient', 'GET', '/api/patients/demo-patient-1/side-effects')).body.length;
    const cases = [
      [{ symptoms: [], severity: 3, onsetAt: t.clock.now() }, 400],
      [{ symptoms: ['sneezing'], severity: 3, onsetAt: t.clock.now() }, 400],
      [{ symptoms: ['pain'], severity: 11, onsetAt: t.clock.now() }, 400],
      [{ symptoms: ['pain'], severity: 3, onsetAt: t.clock.now() + 48 * H }, 422],
    ] as const;
    for (const [body, status] of cases) {
      expect((await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', body)).status).toBe(
        status,
      );
    }
    const foreign = await call('patient2', 'POST', '/api/patients/demo-patient-2/side-effects', {
      symptoms: ['pain'],
      severity: 2,
      onsetAt: t.clock.now(),
      sessionId,
    });
    expect(foreign.status).toBe(422);
    expect((await call('patient', 'GET', '/api/patients/demo-patient-1/side-effects')).body).toHaveLength(
      before,
    );
  });

  it('lets clinicians record assessment and outcome, not patients or desk', async () => {
    const [report] = (await call('clinician', 'GET', '/api/patients/demo-patient-1/side-effects')).body;
    const review = { assessment: 'Phoned patient; localised folliculitis.', outcome: 'treated' };
    expect(
      (await call('patient', 'POST', `/api/patients/demo-patient-1/side-effects/${report.id}/review`, review))
        .status,
    ).toBe(404);
    expect(
      (await call('desk', 'POST', `/api/patients/demo-patient-1/side-effects/${report.id}/review`, review))
        .status,
    ).toBe(403);
    const ok = await call(
      'clinician',
      'POST',
      `/api/patients/demo-patient-1/side-effects/${report.id}/review`,
      review,
    );
    expect(ok.body).toMatchObject({
      status: 'reviewed',
      outcome: 'treated',
      reviewedBy: 'demo-user-clinician',
    });
    // A second review (say from a screen opened before the first) does not erase the first.
    const again = await call(
      'clinician',
      'POST',
      `/api/patients/demo-patient-1/side-effects/${report.id}/review`,
      { assessment: 'No action needed.', outcome: 'resolved' },
    );
    expect(again.status).toBe(409);
    const stored = (await call('clinician', 'GET', '/api/patients/demo-patient-1/side-effects')).body.find(
      (x: { id: string }) => x.id === report.id,
    );
    expect(stored).toMatchObject({ assessment: review.assessment, outcome: 'treated' });
  });

  it('counts side effects and rates per treatment for admins', async () => {
    const res = await call('admin', 'GET', '/api/reports/side-effects');
    expect(res.status).toBe(200);
    const prp = res.body.rows.find((r: { treatmentSlug: string }) => r.treatmentSlug === 'prp');
    // Demo history: 3 signed PRP sessions and 1 routine report; this suite adds 1 session, 2 reports (1 urgent).
    expect(prp).toEqual({
      treatmentSlug: 'prp',
      sessions: 4,
      reports: 3,
      urgent: 1,
      reportsPerSession: 0.75,
      urgentPerSession: 0.25,
    });
    const lastMonth = await call(
      'admin',
      'GET',
      `/api/reports/side-effects?from=${t.clock.now() - 2 * 24 * H}`,
    );
    expect(
      lastMonth.body.rows.find((r: { treatmentSlug: string }) => r.treatmentSlug === 'prp'),
    ).toMatchObject({
      sessions: 1,
      reports: 2,
    });
    const unlinked = res.body.rows.find(
      (r: { treatmentSlug: string }) => r.treatmentSlug === 'not-linked-to-a-session',
    );
    // Breathing trouble, self-harm thoughts, stroke signs and dusky skin: four urgent unlinked reports.
    expect(unlinked).toMatchObject({ reports: 4, urgent: 4, sessions: 0, reportsPerSession: null });
    expect((await call('desk', 'GET', '/api/reports/side-effects')).status).toBe(403);
  });
  it('keeps a report under monitoring open until a later review closes it, reminding and telling the patient', async () => {
    const made = await call('patient', 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['itching'],
      severity: 2,
      onsetAt: t.clock.now() - H,
    });
    const rid = made.body.report.id;
    const path = `/api/patients/demo-patient-1/side-effects/${rid}/review`;
    const assessment = 'Mild itch, no sign of infection; watch for a week.';

    const missing = await call('clinician', 'POST', path, { assessment, outcome: 'monitoring' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'followUpAt' }));
    const past = await call('clinician', 'POST', path, {
      assessment,
      outcome: 'monitoring',
      followUpAt: t.clock.now() - H,
    });
    expect(past.status).toBe(400);
    expect(past.body.errors).toContainEqual(expect.objectContaining({ field: 'followUpAt' }));
    const untouched = (await call('clinician', 'GET', '/api/patients/demo-patient-1/side-effects')).body.find(
      (x: { id: string }) => x.id === rid,
    );
    expect(untouched).toMatchObject({ status: 'open', reviews: [], followUpAt: null });

    const followUpAt = t.clock.now() + 72 * H;
    // Mail queued by earlier tests' reviews goes out first, so only this review's mail is counted.
    await t.worker.runDueJobs();
    sent.length = 0;
    const watched = await call('clinician', 'POST', path, { assessment, outcome: 'monitoring', followUpAt });
    expect(watched.status).toBe(200);
    expect(watched.body).toMatchObject({ status: 'monitoring', outcome: 'monitoring', followUpAt });
    expect(watched.body.reviews).toHaveLength(1);
    // Still open: on the chart's list and on the Today page's follow-ups (names and dates for the desk).
    const followUps = await call('desk', 'GET', '/api/side-effects/follow-ups');
    expect(followUps.body).toContainEqual({
      reportId: rid,
      patientId: 'demo-patient-1',
      patientName: 'Pat Rivera',
      followUpAt,
    });
    expect((await call('patient', 'GET', '/api/side-effects/follow-ups')).status).toBe(403);
    // The patient reads the reply in the portal and is told by email.
    const own = (await call('patient', 'GET', '/api/patients/demo-patient-1/side-effects')).body.find(
      (x: { id: string }) => x.id === rid,
    );
    expect(own).toMatchObject({ status: 'monitoring', assessment, followUpAt });
    await t.worker.runDueJobs();
    const replies = sent.filter((m) => m.subject === 'A clinician has replied to your side-effect report');
    expect(replies.map((m) => m.to)).toEqual(['patient@example.com']);
    expect(replies[0]!.text).toContain('/portal/records');
    expect(replies[0]!.text).not.toContain(assessment);

    // The reminder waits for the follow-up date, then goes to the clinician.
    t.clock.advance(71 * H);
    await t.worker.runDueJobs();
    expect(sent.filter((m) => m.subject === 'A side-effect follow-up is due')).toEqual([]);
    t.clock.advance(2 * H);
    await t.worker.runDueJobs();
    const reminders = sent.filter((m) => m.subject === 'A side-effect follow-up is due');
    expect(reminders.map((m) => m.to)).toEqual(['clinician@example.com']);
    expect(reminders[0]!.text).not.toContain('Pat Rivera');

    // Three days on, staff sign in again (the earlier sessions have ended).
    call = await careClient(t);
    const closed = await call('clinician', 'POST', path, {
      assessment: 'Itch gone at follow-up call.',
      outcome: 'resolved',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'reviewed', outcome: 'resolved', followUpAt: null });
    expect(closed.body.reviews.map((v: { outcome: string }) => v.outcome)).toEqual([
      'monitoring',
      'resolved',
    ]);
    expect(closed.body.reviews[0]).toMatchObject({
      assessment,
      followUpAt,
      reviewedByName: 'Dr. Casey Morgan',
    });
    expect(
      (await call('desk', 'GET', '/api/side-effects/follow-ups')).body.some(
        (f: { reportId: string }) => f.reportId === rid,
      ),
    ).toBe(false);
    expect((await call('clinician', 'POST', path, { assessment, outcome: 'treated' })).status).toBe(409);
  });
});
