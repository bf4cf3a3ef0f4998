import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';

describe.each(DIALECTS)('patient records on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const get = (url: string, who?: string) =>
    t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });

  it('lets staff search patients by name or email', async () => {
    const res = await get('/api/patients?q=rivera', 'desk');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((p: { email: string }) => p.email)).toEqual(['patient@example.com']);
    const byEmail = await get('/api/patients?q=PATIENT2@', 'clinician');
    expect(byEmail.json()).toHaveLength(1);
  });

  it('refuses the patient list to patients and visitors', async () => {
    expect((await get('/api/patients', 'patient')).statusCode).toBe(403);
    expect((await get('/api/patients')).statusCode).toBe(401);
  });

  it('shows a patient their own record and never another patient’s', async () => {
    expect((await get('/api/patients/demo-patient-1', 'patient')).json()).toMatchObject({
      name: 'Pat Rivera',
    });
    const other = await get('/api/patients/demo-patient-2', 'patient');
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Sam Lee');
  });

  it('audits every read with actor, role, record and address, and audits denials', async () => {
    await get('/api/patients/demo-patient-2', 'desk');
    const rows = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_role', 'action', 'patient_id', 'ip'])
      .where('patient_id', '=', 'demo-patient-2')
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          actor_id: 'demo-user-desk',
          actor_role: 'desk',
          action: 'patient.read',
          patient_id: 'demo-patient-2',
          ip: '127.0.0.1',
        },
        {
          actor_id: 'demo-user-patient',
          actor_role: 'patient',
          action: 'patient.read.denied',
          patient_id: 'demo-patient-2',
          ip: '127.0.0.1',
        },
      ]),
    );
  });

  it('answers 404 for a patient that does not exist', async () => {
    expect((await get('/api/patients/nope', 'clinician')).statusCode).toBe(404);
  });
});
