import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './test/dialects';
import { createTestApp, type TestApp } from './test/test-app';

const WEB_BUILT = fs.existsSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist/index.html'),
);

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

  it.runIf(WEB_BUILT)('serves the app for page paths but a 404 for a missing asset file', async () => {
    const page = await t.app.inject({ url: '/staff/patients/x' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const root = await t.app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toContain('text/html');
    const missing = await t.app.inject({ url: '/assets/no-such-chunk-0000.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
