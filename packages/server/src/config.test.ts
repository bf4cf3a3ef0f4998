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

describe('cluster settings', () => {
  it('reads job leases, analysis slots, the metrics token and the photo store, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      jobLeaseMs: 60_000,
      jobPollMs: 2000,
      analysisSlots: 1,
      metricsToken: undefined,
      photoStore: undefined,
    });
    expect(
      loadConfig({
        ANAGEN_JOB_LEASE_MS: '1500',
        ANAGEN_ANALYSIS_SLOTS: '3',
        ANAGEN_METRICS_TOKEN: 'a-long-enough-token',
        ANAGEN_PHOTO_STORE: 'file:///srv/anagen/photos',
      }),
    ).toMatchObject({
      jobLeaseMs: 1500,
      analysisSlots: 3,
      metricsToken: 'a-long-enough-token',
      photoStore: 'file:///srv/anagen/photos',
    });
  });

  it('refuses an S3 photo store (not built yet), a relative path and a short metrics token, saying why', () => {
    expect(() => loadConfig({ ANAGEN_PHOTO_STORE: 's3://bucket/photos' })).toThrow(
      /S3 photo stores are not available yet/,
    );
    expect(() => loadConfig({ ANAGEN_PHOTO_STORE: 'photos' })).toThrow(/file:\/\/\/absolute/);
    expect(() => loadConfig({ ANAGEN_METRICS_TOKEN: 'short' })).toThrow(/ANAGEN_METRICS_TOKEN/);
  });
});
