import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient, type Who } from './care-test-client';

// Every care read on demo-patient-1's record. Clinical reads: patients see only their own (another
// patient's answers 404), front desk is refused (403); each attempt, allowed or not, is audited.
const READS = [
  '/plans',
  '/diagnoses',
  '/sessions',
  '/sessions/demo-session-1a',
  '/consents',
  '/consents/demo-consent-1',
  '/side-effects',
  '/preparation',
  '/post-care',
];

describe.each(DIALECTS)('care access rules on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await careClient(t);
  });
  afterAll(() => t.close());

  const auditRows = async (actorId: string) =>
    Number(
      (
        await t.deps.db.kysely
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('actor_id', '=', actorId)
          .where('patient_id', '=', 'demo-patient-1')
          .executeTakeFirstOrThrow()
      ).n,
    );

  const expectAudited = async (
    who: Who,
    actorId: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    status: number,
    body?: unknown,
  ) => {
    const before = await auditRows(actorId);
    const res = await call(who, method, url, body);
    expect(res.status, `${who} ${method} ${url}`).toBe(status);
    expect(await auditRows(actorId), `audit for ${who} ${method} ${url}`).toBe(before + 1);
    return res;
  };

  it.each(READS)('lets the patient and a clinician read %s, audited', async (path) => {
    await expectAudited('patient', 'demo-user-patient', 'GET', `/api/patients/demo-patient-1${path}`, 200);
    await expectAudited(
      'clinician',
      'demo-user-clinician',
      'GET',
      `/api/patients/demo-patient-1${path}`,
      200,
    );
  });

  it.each(READS)('answers 404 to another patient reading %s, and audits the denial', async (path) => {
    const res = await expectAudited(
      'patient2',
      'demo-user-patient2',
      'GET',
      `/api/patients/demo-patient-1${path}`,
      404,
    );
    expect(res.raw.body).not.toContain('Pat Rivera');
    expect(res.raw.body).not.toContain('vertex');
  });

  it.each(READS.filter((p) => p !== '/preparation'))(
    'refuses front desk %s with 403, audited',
    async (path) => {
      await expectAudited('desk', 'demo-user-desk', 'GET', `/api/patients/demo-patient-1${path}`, 403);
    },
  );

  it('refuses front desk the preparation checklist too, but answers the consent and consultation yes/no for check-in', async () => {
    await expectAudited('desk', 'demo-user-desk', 'GET', '/api/patients/demo-patient-1/preparation', 403);
    const status = await expectAudited(
      'desk',
      'demo-user-desk',
      'GET',
      '/api/patients/demo-patient-1/consent-status?treatment=prp',
      200,
    );
    expect(status.body).toMatchObject({ missing: false });
    expect(status.body).not.toHaveProperty('signedText');
    await expectAudited(
      'desk',
      'demo-user-desk',
      'GET',
      '/api/patients/demo-patient-1/consultation-status',
      200,
    );
  });

  const SESSION = {
    providerId: 'demo-provider-morgan',
    treatmentSlug: 'prp',
    performedAt: Date.parse('2026-11-20T18:00:00Z'),
    injectionMap: [{ zone: 'vertex', volumeMl: 1 }],
  };
  const WRITES: [string, 'POST' | 'PATCH', string, unknown][] = [
    ['session record', 'POST', '/sessions', SESSION],
    ['session edit', 'PATCH', '/sessions/demo-session-1a', { notes: 'x' }],
    ['session sign', 'POST', '/sessions/demo-session-1a/sign', undefined],
    ['addendum', 'POST', '/sessions/demo-session-1a/addenda', { text: 'x' }],
    ['plan', 'POST', '/plans', { treatmentSlug: 'prp', sessionsPlanned: 1, intervalWeeks: 4, goal: 'x' }],
    ['diagnosis', 'POST', '/diagnoses', { lossType: 'other', scale: 'none', stage: '-' }],
  ];

  it.each(WRITES)(
    'refuses a patient writing a %s (own record: 404), changing nothing',
    async (_n, method, path, body) => {
      const before = (await call('clinician', 'GET', '/api/patients/demo-patient-1/sessions')).body;
      await expectAudited(
        'patient',
        'demo-user-patient',
        method,
        `/api/patients/demo-patient-1${path}`,
        404,
        body,
      );
      expect((await call('clinician', 'GET', '/api/patients/demo-patient-1/sessions')).body).toEqual(before);
    },
  );

  it.each(WRITES)('refuses front desk and admin writing a %s with 403', async (_n, method, path, body) => {
    await expectAudited('desk', 'demo-user-desk', method, `/api/patients/demo-patient-1${path}`, 403, body);
    await expectAudited('admin', 'demo-user-admin', method, `/api/patients/demo-patient-1${path}`, 403, body);
  });

  it('audits clinician writes with the record id', async () => {
    const res = await expectAudited(
      'clinician',
      'demo-user-clinician',
      'POST',
      '/api/patients/demo-patient-1/sessions/demo-session-1a/addenda',
      201,
      {
        text: 'Reviewed photos at 8 weeks.',
      },
    );
    expect(res.body.addenda.at(-1).text).toBe('Reviewed photos at 8 weeks.');
    const row = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource', 'resource_id'])
      .where('actor_id', '=', 'demo-user-clinician')
      .where('action', '=', 'session.addendum')
      .execute();
    expect(row).toEqual([
      { action: 'session.addendum', resource: 'session', resource_id: 'demo-session-1a' },
    ]);
  });

  it('refuses visitors everywhere with 401', async () => {
    for (const path of READS) {
      expect((await call(null, 'GET', `/api/patients/demo-patient-1${path}`)).status).toBe(401);
    }
    expect((await call(null, 'GET', '/api/alerts')).status).toBe(401);
  });
});
