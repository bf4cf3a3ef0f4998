import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';
import { missingConsent } from './consents.service';

describe.each(DIALECTS)('consents and care templates on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await careClient(t);
    await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', {
      treatmentSlug: 'exosomes',
      sessionsPlanned: 3,
      intervalWeeks: 4,
      goal: 'Less thinning at the part',
    });
  });
  afterAll(() => t.close());

  const status = async () =>
    (await call('desk', 'GET', '/api/patients/demo-patient-2/consent-status?treatment=exosomes')).body;

  it('lists the exosome consent as due for a patient with an exosome plan', async () => {
    const res = await call('patient2', 'GET', '/api/patients/demo-patient-2/consents');
    expect(res.status).toBe(200);
    expect(res.body.due).toMatchObject([
      { treatmentSlug: 'exosomes', kind: 'consent', reason: 'never-signed' },
    ]);
    expect(res.body.due[0].body).toMatch(/no FDA-approved exosome products/);
    // The demo history already holds a signed PRP consent, so PRP is not due.
    expect(res.body.signed.map((s: { treatmentSlug: string }) => s.treatmentSlug)).toEqual(['prp']);
    expect(await status()).toMatchObject({
      required: true,
      missing: true,
      currentVersion: 1,
      signedVersion: null,
    });
  });

  it('refuses a wrong typed name, a missing checkbox and staff signing on the patient’s behalf', async () => {
    const due = (await call('patient2', 'GET', '/api/patients/demo-patient-2/consents')).body.due[0];
    const wrong = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: 'Pat Rivera',
      agreed: true,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toBe('body.typedName');
    const unticked = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: 'Sam Lee',
      agreed: false,
    });
    expect(unticked.status).toBe(400);
    const staff = await call('clinician', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: 'Sam Lee',
      agreed: true,
    });
    expect(staff.status).toBe(403);
    const other = await call('patient', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: 'Sam Lee',
      agreed: true,
    });
    expect(other.status).toBe(404);
    expect((await call('patient2', 'GET', '/api/patients/demo-patient-2/consents')).body.signed).toHaveLength(
      1,
    );
  });

  it('stores the exact signed text with its SHA-256 and the server time, once', async () => {
    const due = (await call('patient2', 'GET', '/api/patients/demo-patient-2/consents')).body.due[0];
    const res = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: '  sam lee ',
      agreed: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.signedAt).toBe(t.clock.now());
    expect(res.body.signedText).toBe(`${due.title} (version 1)\n\n${due.body}`);
    expect(res.body.textSha256).toBe(createHash('sha256').update(res.body.signedText).digest('hex'));
    const twice = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: due.id,
      typedName: 'Sam Lee',
      agreed: true,
    });
    expect(twice.status).toBe(409);
    expect(await status()).toMatchObject({ missing: false, signedVersion: 1 });
    const overview = (await call('clinician', 'GET', '/api/patients/demo-patient-2/consents')).body;
    expect(overview.due).toEqual([]);
    expect(overview.signed).toHaveLength(2);
  });

  it('versions a template on every edit; a signed text never changes; superseded and withdrawn versions cannot be signed', async () => {
    const [v1] = (await call('admin', 'GET', '/api/care-templates?kind=consent&treatment=exosomes')).body;
    const edit = await call('admin', 'PUT', `/api/care-templates/${v1.id}`, {
      title: v1.title,
      body: `${v1.body}\n\nAdded: we will text you a reminder.`,
    });
    expect(edit.status).toBe(201);
    expect(edit.body).toMatchObject({ version: 2, status: 'active' });
    const stale = await call('admin', 'PUT', `/api/care-templates/${v1.id}`, { title: 'x', body: 'y' });
    expect(stale.status).toBe(409);

    const history = (
      await call('admin', 'GET', '/api/care-templates?kind=consent&treatment=exosomes&history=true')
    ).body;
    expect(history.map((h: { version: number; status: string }) => [h.version, h.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    const signed = (await call('patient2', 'GET', '/api/patients/demo-patient-2/consents')).body;
    expect(
      signed.signed.find((x: { treatmentSlug: string }) => x.treatmentSlug === 'exosomes').signedText,
    ).not.toContain('Added:');
    expect(signed.due).toMatchObject([{ version: 2, reason: 'newer-version' }]);
    expect(await missingConsent(t.deps.db.kysely, 'demo-patient-2', 'exosomes')).toMatchObject({
      missing: true,
      currentVersion: 2,
      signedVersion: 1,
    });

    const superseded = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: v1.id,
      typedName: 'Sam Lee',
      agreed: true,
    });
    expect(superseded.status).toBe(422);

    const withdrawn = await call('admin', 'POST', `/api/care-templates/${edit.body.id}/withdraw`);
    expect(withdrawn.body.status).toBe('withdrawn');
    const refused = await call('patient2', 'POST', '/api/patients/demo-patient-2/consents', {
      templateId: edit.body.id,
      typedName: 'Sam Lee',
      agreed: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CONSENT_NOT_SIGNABLE');
    expect(refused.body.detail).toMatch(/withdrawn/);
    // With every version withdrawn, no consent is required for the treatment any more.
    expect(await status()).toMatchObject({ required: false, missing: false });
  });

  it('lets only admins write templates and validates them', async () => {
    const body = {
      kind: 'post-care',
      treatmentSlug: 'microneedling',
      title: 'After microneedling',
      body: 'Be gentle.',
    };
    expect((await call('clinician', 'POST', '/api/care-templates', body)).status).toBe(403);
    expect((await call('patient', 'GET', '/api/care-templates')).status).toBe(403);
    expect((await call('admin', 'POST', '/api/care-templates', { ...body, title: '' })).status).toBe(400);
    const prep = await call('admin', 'POST', '/api/care-templates', {
      ...body,
      kind: 'preparation',
      steps: [],
    });
    expect(prep.status).toBe(422);
    const ok = await call('admin', 'POST', '/api/care-templates', body);
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(1);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', ok.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['care-template.create']);
  });
});
