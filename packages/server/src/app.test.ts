import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './test/dialects';
import { createTestApp, type TestApp } from './test/test-app';

describe.each(DIALECTS)('app basics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('reports health and which database it runs on', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('publishes an OpenAPI 3 document listing the contract routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/me',
      '/api/auth/register',
      '/api/auth/logout',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('sends security headers including a Content-Security-Policy', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
