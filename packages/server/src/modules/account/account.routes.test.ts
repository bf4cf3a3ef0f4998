import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD } from '../demo/demo-clinic';

describe.each(DIALECTS)('patient data rights on %s', (dialect) => {
  let t: TestApp;
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      sent.push(m);
      return { response: '250 ok', messageId: String(sent.length) };
    },
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, { mailer });
  });
  afterAll(() => t.close());

  const post = (cookie: string, url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const login = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });

  // Each test that needs an open request makes sure of one itself (asking again returns the open
  // one), so any test can run alone or in any order.
  async function openDeletionRequest(): Promise<{ id: string }> {
    const cookie = await signIn(t.app, 'patient@example.com');
    const res = await post(cookie, '/api/patients/demo-patient-1/deletion-request', {});
    expect([200, 201]).toContain(res.statusCode);
    await t.worker.runDueJobs();
    return res.json();
  }

  it('records a deletion request for the patient themself, emails the clinic without patient details, audits it', async () => {
    const cookie = await signIn(t.app, 'patient@example.com');
    const res = await post(cookie, '/api/patients/demo-patient-1/deletion-request', {
      reason: 'Moving abroad',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      patientId: 'demo-patient-1',
      reason: 'Moving abroad',
      status: 'open',
      createdAt: t.clock.now(),
      clinicNotifiedAt: null,
    });
    await t.worker.runDueJobs();
    const mail = sent.find((m) => m.text.includes(body.id));
    expect(mail?.to).toBe('clinic@example.com');
    expect(mail?.text).not.toContain('Pat Rivera');
    expect(mail?.text).not.toContain('Moving abroad');
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id'])
      .where('resource_id', '=', body.id)
      .execute();
    expect(audit).toEqual([{ action: 'patient.deletion-request', patient_id: 'demo-patient-1' }]);

    const mine = await t.app.inject({
      url: '/api/patients/demo-patient-1/deletion-requests',
      headers: { cookie },
    });
    expect(mine.json().map((d: { id: string }) => d.id)).toEqual([body.id]);
    const theirs = await t.app.inject({
      url: '/api/patients/demo-patient-2/deletion-requests',
      headers: { cookie },
    });
    expect(theirs.statusCode).toBe(404);

    // Asking again returns the open request and does not email the clinic a second time.
    const again = await post(cookie, '/api/patients/demo-patient-1/deletion-request', {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
    const before = sent.length;
    await t.worker.runDueJobs();
    expect(sent.length).toBe(before);
  });

  it('serves the patient their own FHIR export as a file download with ?download=1', async () => {
    const cookie = await signIn(t.app, 'patient@example.com');
    const url = '/api/fhir/Patient/demo-patient-1/$everything';
    const file = await t.app.inject({ url: `${url}?download=1`, headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="anagen-records-2026-11-23.fhir.json"',
    );
    expect(file.json()).toMatchObject({ resourceType: 'Bundle', entry: expect.any(Array) });
    const inline = await t.app.inject({ url, headers: { cookie } });
    expect(inline.headers['content-disposition']).toBeUndefined();
    const other = await t.app.inject({
      url: '/api/fhir/Patient/demo-patient-2/$everything?download=1',
      headers: { cookie },
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a deletion request or account closure for someone else, and for staff', async () => {
    const cookie = await signIn(t.app, 'patient@example.com');
    const other = await post(cookie, '/api/patients/demo-patient-2/deletion-request', {});
    expect(other.statusCode).toBe(404);
    const close = await post(cookie, '/api/patients/demo-patient-2/close-account');
    expect(close.statusCode).toBe(404);
    const clinician = await signIn(t.app, 'clinician@example.com');
    expect((await post(clinician, '/api/patients/demo-patient-2/deletion-request', {})).statusCode).toBe(403);
    expect((await post(clinician, '/api/patients/demo-patient-2/close-account')).statusCode).toBe(403);
    const rows = await t.testDb.db.kysely
      .selectFrom('deletion_requests')
      .select('id')
      .where('patient_id', '=', 'demo-patient-2')
      .execute();
    expect(rows).toHaveLength(0);
    expect((await login('patient2@example.com')).statusCode).toBe(200);
  });

  it('lists deletion requests for admins only', async () => {
    const open = await openDeletionRequest();
    for (const email of ['patient@example.com', 'desk@example.com', 'clinician@example.com']) {
      const cookie = await signIn(t.app, email);
      const res = await t.app.inject({ url: '/api/admin/deletion-requests', headers: { cookie } });
      expect(res.statusCode).toBe(403);
    }
    const admin = await signIn(t.app, 'admin@example.com');
    const res = await t.app.inject({ url: '/api/admin/deletion-requests', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: open.id,
          patientId: 'demo-patient-1',
          patientName: 'Pat Rivera',
          clinicNotifiedAt: t.clock.now(),
        }),
      ]),
    );
  });

  it('lets an admin resolve a request once; the patient sees the answer and may ask again', async () => {
    const request = await openDeletionRequest();
    const admin = await signIn(t.app, 'admin@example.com');
    const note = 'Contact details deleted; clinical records kept 7 years as the law requires.';
    const url = `/api/admin/deletion-requests/${request.id}/resolve`;
    const clinician = await signIn(t.app, 'clinician@example.com');
    expect((await post(clinician, url, { note })).statusCode).toBe(403);
    expect((await post(admin, url, { note: 'ok' })).statusCode).toBe(400);
    const res = await post(admin, url, { note });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', resolvedAt: t.clock.now(), resolutionNote: note });
    expect((await post(admin, url, { note })).statusCode).toBe(409);
    expect((await post(admin, '/api/admin/deletion-requests/nope/resolve', { note })).statusCode).toBe(404);

    const patient = await signIn(t.app, 'patient@example.com');
    const mine = await t.app.inject({
      url: '/api/patients/demo-patient-1/deletion-requests',
      headers: { cookie: patient },
    });
    expect(mine.json()[0]).toMatchObject({ status: 'resolved', resolutionNote: note });
    const again = await post(patient, '/api/patients/demo-patient-1/deletion-request', {});
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(request.id);
  });

  it('closes the account: sessions end, sign-in fails, the patient record stays', async () => {
    const here = await signIn(t.app, 'patient2@example.com');
    const elsewhere = await signIn(t.app, 'patient2@example.com');
    const res = await post(here, '/api/patients/demo-patient-2/close-account');
    expect(res.statusCode).toBe(204);
    for (const cookie of [here, elsewhere]) {
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await login('patient2@example.com')).statusCode).toBe(401);
    const patient = await t.testDb.db.kysely
      .selectFrom('patients')
      .select('name')
      .where('id', '=', 'demo-patient-2')
      .executeTakeFirst();
    expect(patient?.name).toBe('Sam Lee');
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('patient_id', '=', 'demo-patient-2')
      .where('action', 'in', ['patient.account-close', 'auth.account.deactivated'])
      .orderBy('action')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.account.deactivated', 'patient.account-close']);
    // Staff still read the kept record.
    const clinician = await signIn(t.app, 'clinician@example.com');
    const chart = await t.app.inject({ url: '/api/patients/demo-patient-2', headers: { cookie: clinician } });
    expect(chart.statusCode).toBe(200);
  });
});
