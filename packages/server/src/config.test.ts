import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { DIALECTS } from './test/dialects';
import { createTestApp, type TestApp } from './test/test-app';

describe('secure cookies', () => {
  it('are on by default when PUBLIC_URL is https, and ANAGEN_SECURE_COOKIES still decides when set', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://clinic.example' }).secureCookies).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://clinic.example' }).secureCookies).toBe(true);
    expect(
      loadConfig({ PUBLIC_URL: 'https://clinic.example', ANAGEN_SECURE_COOKIES: 'off' }).secureCookies,
    ).toBe(false);
    expect(loadConfig({ ANAGEN_SECURE_COOKIES: 'on' }).secureCookies).toBe(true);
  });
});

describe.each(DIALECTS)('the session cookie behind https on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    const { publicUrl, secureCookies } = loadConfig({ PUBLIC_URL: 'https://clinic.example' });
    t = await createTestApp(dialect, { config: { publicUrl, secureCookies } });
  });
  afterAll(() => t.close());
  it('is marked Secure', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'desk@example.com', password: 'anagen-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/anagen_session=[^;]+;.*Secure/i);
  });
});
