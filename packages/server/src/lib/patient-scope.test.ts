import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIALECTS } from '../test/dialects';
import { createTestApp, signInDemoPeople, type TestApp } from '../test/test-app';
import { registerErrorHandling } from './error-handler';
import { assertPatientAccess, isPatientScopedUrl, registerPatientScope } from './patient-scope';
import { registerRequestGuards } from './request-guards';

/** A bare app with the real request guards and patient-scope guard, on the test app's database. */
async function guardedApp(t: TestApp, routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorate('deps', t.deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  registerErrorHandling(app);
  registerRequestGuards(app);
  registerPatientScope(app);
  routes(app);
  await app.ready();
  return app;
}

describe.each(DIALECTS)('declared patient scope on %s', (dialect) => {
  let t: TestApp;
  let app: FastifyInstance;
  let cookies: Record<string, string>;
  const handled: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookies = await signInDemoPeople(t.app);
    app = await guardedApp(t, (a) => {
      const r = a.withTypeProvider<ZodTypeProvider>();
      r.get(
        '/api/patients/:id/probe',
        {
          config: {
            access: 'authenticated',
            patient: {
              from: 'params',
              key: 'id',
              scope: 'clinical',
              mode: 'read',
              action: 'probe.read',
              resource: 'probe',
            },
          },
          schema: { params: z.object({ id: z.string() }) },
        },
        async (req) => {
          handled.push(req.patientScope!.patientId);
          return req.patientScope;
        },
      );
      // A public route reaches the patient guard without a session: it must answer 401 itself.
      r.get(
        '/api/open/:patientId',
        {
          config: {
            access: 'public',
            patient: {
              from: 'params',
              key: 'patientId',
              scope: 'demographics',
              mode: 'read',
              action: 'probe.open',
            },
          },
          schema: { params: z.object({ patientId: z.string() }) },
        },
        async () => 'reached',
      );
      r.post(
        '/api/probes',
        {
          config: {
            access: 'authenticated',
            patient: {
              resolve: async (_deps, req) =>
                (req.body as { probe: string }).probe === 'p1' ? 'demo-patient-1' : null,
              notFound: 'Probe',
              scope: 'patient-input',
              mode: 'write',
              action: 'probe.write',
              resource: 'probe',
              resourceId: 'new',
            },
          },
          schema: { body: z.object({ probe: z.string() }) },
        },
        async (req) => req.patientScope,
      );
    });
  });
  afterAll(async () => {
    await app?.close();
    await t.close();
  });

  const auditRows = (action: string) =>
    t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource', 'resource_id', 'patient_id', 'actor_role'])
      .where('action', 'like', `${action}%`)
      .orderBy('action')
      .orderBy('actor_role')
      .orderBy('patient_id')
      .execute();

  const get = (who: string | null, patientId: string) =>
    app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}/probe`,
      headers: who ? { cookie: cookies[who]! } : {},
    });

  it('lets the patient and a clinician in, and audits each read', async () => {
    const own = await get('patient', 'demo-patient-1');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ patientId: 'demo-patient-1', resourceId: 'demo-patient-1' });
    expect((await get('clinician', 'demo-patient-2')).statusCode).toBe(200);
    expect(await auditRows('probe.read')).toEqual([
      {
        action: 'probe.read',
        resource: 'probe',
        resource_id: 'demo-patient-2',
        patient_id: 'demo-patient-2',
        actor_role: 'clinician',
      },
      {
        action: 'probe.read',
        resource: 'probe',
        resource_id: 'demo-patient-1',
        patient_id: 'demo-patient-1',
        actor_role: 'patient',
      },
    ]);
  });

  it('answers another patient 404, a role without the scope 403, no session 401, and audits the denials', async () => {
    const before = handled.length;
    const other = await get('patient', 'demo-patient-2');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'Patient was not found.' });
    const desk = await get('desk', 'demo-patient-2');
    expect(desk.statusCode).toBe(403);
    expect(desk.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(null, 'demo-patient-2')).statusCode).toBe(401);
    const open = await app.inject({ method: 'GET', url: '/api/open/demo-patient-2' });
    expect(open.statusCode).toBe(401);
    expect(open.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await auditRows('probe.open')).toEqual([
      {
        action: 'probe.open.denied',
        resource: 'patient',
        resource_id: 'demo-patient-2',
        patient_id: 'demo-patient-2',
        actor_role: null,
      },
    ]);
    expect(handled.length).toBe(before);
    const denied = await auditRows('probe.read.denied');
    expect(denied.map((d) => [d.actor_role, d.patient_id])).toEqual([
      ['desk', 'demo-patient-2'],
      ['patient', 'demo-patient-2'],
    ]);
  });

  it('answers 404 for a staff member asking for a patient who does not exist, without an audit entry', async () => {
    const res = await get('clinician', 'no-such-patient');
    expect(res.statusCode).toBe(404);
    expect((await auditRows('probe.read')).filter((r) => r.patient_id === 'no-such-patient')).toEqual([]);
  });

  it('resolves the patient through another record, audits under a fresh id the handler receives', async () => {
    const post = (who: string, probe: string) =>
      app.inject({
        method: 'POST',
        url: '/api/probes',
        headers: { cookie: cookies[who]! },
        payload: { probe },
      });
    const ok = await post('patient', 'p1');
    expect(ok.statusCode).toBe(200);
    const { resourceId } = ok.json();
    expect(resourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await auditRows('probe.write')).toEqual([
      {
        action: 'probe.write',
        resource: 'probe',
        resource_id: resourceId,
        patient_id: 'demo-patient-1',
        actor_role: 'patient',
      },
    ]);
    const missing = await post('patient', 'nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Probe was not found.');
    expect((await post('patient2', 'p1')).statusCode).toBe(404);
    expect((await post('desk', 'p1')).statusCode).toBe(403);
  });

  it('checks without a request for use cases the CLI and jobs share, with the same answers', async () => {
    const access = { scope: 'clinical', mode: 'write', action: 'probe.cli', resource: 'probe' } as const;
    const clinician = { userId: 'demo-clinician', role: 'clinician', name: 'Dr' } as const;
    await assertPatientAccess(t.deps, clinician, 'demo-patient-1', access);
    await expect(assertPatientAccess(t.deps, null, 'demo-patient-1', access)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(
      assertPatientAccess(t.deps, { ...clinician, role: 'desk' }, 'demo-patient-1', access),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      assertPatientAccess(
        t.deps,
        { ...clinician, role: 'patient', patientId: 'demo-patient-2' },
        'demo-patient-1',
        access,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Patient was not found.' });
    // `hiddenAs` names the record instead, to a patient only; staff answers keep theirs.
    const hidden = { ...access, hiddenAs: 'Probe' };
    await expect(
      assertPatientAccess(
        t.deps,
        { ...clinician, role: 'patient', patientId: 'demo-patient-2' },
        'demo-patient-1',
        hidden,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Probe was not found.' });
    await expect(
      assertPatientAccess(t.deps, { ...clinician, role: 'desk' }, 'demo-patient-1', hidden),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assertPatientAccess(t.deps, clinician, 'no-such-patient', hidden)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Patient was not found.',
    });
    expect((await auditRows('probe.cli')).map((r) => r.action)).toEqual([
      'probe.cli',
      'probe.cli.denied',
      'probe.cli.denied',
      'probe.cli.denied',
      'probe.cli.denied',
      'probe.cli.denied',
    ]);
  });

  it('refuses to start with a patient-scoped route that declares no patient scope', async () => {
    await expect(
      guardedApp(t, (a) =>
        a.get('/api/patients/:id/forgotten', { config: { access: 'authenticated' } }, async () => 'x'),
      ),
    ).rejects.toThrow(/GET \/api\/patients\/:id\/forgotten is patient-scoped but declares no config.patient/);
    await expect(
      guardedApp(t, (a) =>
        a.post('/api/notes/:patientId', { config: { access: 'authenticated' } }, async () => 'x'),
      ),
    ).rejects.toThrow(/patient-scoped/);
  });

  it('calls a route patient-scoped by its URL alone', () => {
    expect(isPatientScopedUrl('/api/patients/:id')).toBe(true);
    expect(isPatientScopedUrl('/api/patients/:id/plans/:planId')).toBe(true);
    expect(isPatientScopedUrl('/api/x/:patientId/y')).toBe(true);
    expect(isPatientScopedUrl('/api/patients')).toBe(false);
    expect(isPatientScopedUrl('/api/patients/search')).toBe(false);
    expect(isPatientScopedUrl('/api/photos/:id')).toBe(false);
  });
});
