import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { TEST_NOW, useDemoTestApp } from '../../test/test-app';
import * as writer from './audit.repository';
import { insertAuditEntry } from './audit.repository';
import * as reader from './audit-log.repository';

describe.each(DIALECTS)('audit log read side on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const get = (url: string, who?: string) =>
    t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });
  const db = () => t.testDb.db.kysely;

  it('refuses the audit log to every role but admin, and to visitors', async () => {
    for (const url of ['/api/audit-log', '/api/audit-log.csv', '/api/audit-log?format=csv']) {
      for (const who of ['patient', 'desk', 'clinician']) expect((await get(url, who)).statusCode).toBe(403);
      expect((await get(url)).statusCode).toBe(401);
      expect((await get(url, 'admin')).statusCode).toBe(200);
    }
  });

  it('filters by patient, staff member, action prefix and date range', async () => {
    await get('/api/patients/demo-patient-2', 'desk');
    await get('/api/patients/demo-patient-1', 'clinician');
    const byPatient = (await get('/api/audit-log?patientId=demo-patient-2', 'admin')).json();
    expect(byPatient.items.length).toBeGreaterThan(0);
    expect(byPatient.items.every((i: { patientId: string }) => i.patientId === 'demo-patient-2')).toBe(true);
    expect(byPatient.items[0]).toMatchObject({
      actorId: 'demo-user-desk',
      actorName: 'Dana Desk',
      actorRole: 'desk',
      action: 'patient.read',
      resource: 'patient',
      resourceId: 'demo-patient-2',
      patientName: 'Sam Lee',
      ip: '127.0.0.1',
      at: new Date(TEST_NOW).toISOString(),
    });

    const byActor = (await get('/api/audit-log?actorId=demo-user-clinician&action=patient', 'admin')).json();
    expect(byActor.items.map((i: { action: string }) => i.action).sort()).toEqual(['patient.read']);
    const exact = (await get('/api/audit-log?action=auth.login.success', 'admin')).json();
    expect(exact.items).toHaveLength(5);
    // "auth.login" is a prefix of success/failure but "auth.log" is not a dot-boundary prefix.
    expect((await get('/api/audit-log?action=auth.log', 'admin')).json().items).toEqual([]);

    await insertAuditEntry(db(), {
      at: Date.parse('2026-10-01T18:00:00Z'),
      actorId: 'demo-user-desk',
      actorRole: 'desk',
      action: 'old.thing',
      resource: 'x',
      ip: null,
    });
    // 2026-10-01 in Los Angeles runs 07:00Z Oct 1 → 07:00Z Oct 2.
    const inDay = (await get('/api/audit-log?from=2026-10-01&to=2026-10-01', 'admin')).json();
    expect(inDay.items.map((i: { action: string }) => i.action)).toEqual(['old.thing']);
    const before = (await get('/api/audit-log?to=2026-09-30', 'admin')).json();
    expect(before.items).toEqual([]);
    const bad = await get('/api/audit-log?from=2026-11-02&to=2026-11-01', 'admin');
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/audit-log?from=yesterday', 'admin')).statusCode).toBe(400);
  });

  it('pages with a cursor without repeating or skipping entries, even on equal timestamps', async () => {
    const at = TEST_NOW - 3600_000;
    for (let i = 0; i < 7; i++) {
      await insertAuditEntry(db(), {
        at,
        actorId: null,
        actorRole: null,
        action: 'page.test',
        resource: 'x',
        resourceId: String(i),
        ip: null,
      });
    }
    const seen: string[] = [];
    let url = '/api/audit-log?action=page.test&limit=3';
    let pages = 0;
    for (;;) {
      const page = (await get(url, 'admin')).json();
      pages++;
      seen.push(...page.items.map((i: { resourceId: string }) => i.resourceId));
      if (!page.next) break;
      url = `/api/audit-log?action=page.test&limit=3&cursor=${page.next}`;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect((await get('/api/audit-log?cursor=garbage!', 'admin')).statusCode).toBe(400);
  });

  it('exports CSV with a header, quoting and formula-safe cells', async () => {
    await insertAuditEntry(db(), {
      at: TEST_NOW,
      actorId: null,
      actorRole: null,
      action: 'csv.test',
      resource: 'x',
      ip: null,
      detail: '=HYPERLINK("evil"), and more',
    });
    for (const url of ['/api/audit-log.csv?action=csv.test', '/api/audit-log?action=csv.test&format=csv']) {
      const res = await get(url, 'admin');
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('attachment');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('at,actorId,actorName,actorRole,action,resource,resourceId,patientId,ip,detail');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`,csv.test,x,`);
      expect(lines[1]).toContain(`"'=HYPERLINK(""evil""), and more"`);
    }
  });

  it('audits every read and export of the log', async () => {
    await get('/api/audit-log?actorId=demo-user-desk', 'admin');
    await get('/api/audit-log.csv', 'admin');
    const rows = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'detail'])
      .where('action', 'in', ['audit-log.read', 'audit-log.export'])
      .where('actor_id', '=', 'demo-user-admin')
      .execute();
    expect(rows.map((r) => r.action)).toContain('audit-log.export');
    expect(rows.find((r) => r.detail?.includes('demo-user-desk'))?.action).toBe('audit-log.read');
  });

  it('has no route and no repository function that edits or deletes entries', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      for (const url of ['/api/audit-log', '/api/audit-log/some-id', '/api/audit-log.csv']) {
        const res = await t.app.inject({ method, url, headers: { cookie: cookies.admin! }, payload: {} });
        expect(res.statusCode).toBe(404);
      }
    }
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const auditMethods = Object.entries(paths)
      .filter(([p]) => p.startsWith('/api/audit-log'))
      .flatMap(([, ops]) => Object.keys(ops));
    expect(auditMethods.length).toBeGreaterThan(0);
    expect(auditMethods.every((m) => m === 'get')).toBe(true);
    const names = [...Object.keys(writer), ...Object.keys(reader)];
    expect(names.filter((n) => /update|delete|remove|edit|purge/i.test(n))).toEqual([]);
  });

  describe('who accessed a patient record', () => {
    it('shows staff views with name and role, without the patient’s own actions or sign-ins', async () => {
      await get('/api/patients/demo-patient-1', 'clinician');
      await get('/api/patients/demo-patient-1', 'patient');
      const res = await get('/api/patients/demo-patient-1/access-log', 'patient');
      expect(res.statusCode).toBe(200);
      const log = res.json() as { actorName: string; actorRole: string; action: string; at: string }[];
      expect(log).toContainEqual({
        at: new Date(TEST_NOW).toISOString(),
        actorName: 'Dr. Casey Morgan',
        actorRole: 'clinician',
        action: 'patient.read',
      });
      expect(log.some((e) => e.actorRole === 'patient')).toBe(false);
      expect(log.some((e) => e.action.startsWith('auth.'))).toBe(false);
    });

    it('lets clinicians and admins read it, and nobody else', async () => {
      expect((await get('/api/patients/demo-patient-1/access-log', 'clinician')).statusCode).toBe(200);
      expect((await get('/api/patients/demo-patient-1/access-log', 'admin')).statusCode).toBe(200);
      expect((await get('/api/patients/demo-patient-1/access-log', 'desk')).statusCode).toBe(403);
      expect((await get('/api/patients/demo-patient-1/access-log', 'patient2')).statusCode).toBe(404);
      expect((await get('/api/patients/demo-patient-1/access-log')).statusCode).toBe(401);
      expect((await get('/api/patients/nope/access-log', 'admin')).statusCode).toBe(404);
    });

    it('lists a clinician reading the access log itself as an access', async () => {
      const log = (await get('/api/patients/demo-patient-1/access-log', 'patient')).json();
      expect(log.map((e: { action: string }) => e.action)).toContain('access-log.read');
    });
  });
});
