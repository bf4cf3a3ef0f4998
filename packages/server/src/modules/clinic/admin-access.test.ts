import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

describe.each(DIALECTS)('admin routes refuse non-admins on %s', (dialect) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const who of ['patient', 'desk', 'clinician', 'admin'])
      cookies[who] = await signIn(t.app, `${who}@example.com`);
  });
  afterAll(() => t.close());

  /** Every admin route, read from the OpenAPI document so a new route cannot slip past this test. */
  function adminOperations(): { method: string; url: string }[] {
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    return Object.entries(paths)
      .filter(([p]) => p.startsWith('/api/admin/') || p.startsWith('/api/audit-log'))
      .flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => ({
          method: m.toUpperCase(),
          url: p.replace(/\{[^}]+\}/g, 'demo-location'),
        })),
      );
  }

  it('finds the admin routes in the OpenAPI document', () => {
    const ops = adminOperations();
    expect(ops.length).toBeGreaterThanOrEqual(25);
    expect(ops).toContainEqual({ method: 'POST', url: '/api/admin/staff/invite' });
    expect(ops).toContainEqual({ method: 'PUT', url: '/api/admin/providers/demo-location/hours' });
  });

  it('answers 403 to patients, front desk and clinicians and 401 to visitors, and changes nothing', async () => {
    const before = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'admin.%')
      .execute();
    for (const op of adminOperations()) {
      const payload = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
      for (const who of ['patient', 'desk', 'clinician']) {
        const res = await t.app.inject({
          method: op.method as 'GET',
          url: op.url,
          payload,
          headers: { cookie: cookies[who]! },
        });
        expect(`${who} ${op.method} ${op.url} → ${res.statusCode}`).toBe(
          `${who} ${op.method} ${op.url} → 403`,
        );
      }
      const anon = await t.app.inject({ method: op.method as 'GET', url: op.url, payload });
      expect(`visitor ${op.method} ${op.url} → ${anon.statusCode}`).toBe(
        `visitor ${op.method} ${op.url} → 401`,
      );
    }
    const after = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'admin.%')
      .execute();
    expect(after).toEqual(before);
  });

  it('lets an admin read every list', async () => {
    for (const url of [
      '/api/admin/clinic',
      '/api/admin/policies',
      '/api/admin/locations',
      '/api/admin/staff',
      '/api/admin/providers',
      '/api/admin/resources',
      '/api/admin/appointment-types',
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: cookies.admin! } });
      expect(`${url} ${res.statusCode}`).toBe(`${url} 200`);
    }
  });
});
