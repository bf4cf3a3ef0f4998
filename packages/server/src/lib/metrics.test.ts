import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test/dialects';
import { createTestApp, signIn, type TestApp } from '../test/test-app';
import { enqueueJob } from './jobs/jobs.repository';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe.each(DIALECTS)('GET /metrics on %s', (dialect) => {
  let t: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { metricsToken: TOKEN } });
    off = await createTestApp(dialect, { seed: false });
  });
  afterAll(async () => {
    await t.close();
    await off.close();
  });
  const scrape = (auth?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: auth ? { authorization: auth } : {} });

  it('does not exist without ANAGEN_METRICS_TOKEN', async () => {
    expect(
      (
        await off.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses a missing or wrong token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape('Bearer wrong')).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
  });

  it('reports requests by route pattern, sign-in failures, booking conflicts and the job queue', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'desk@example.com', password: 'nope-nope' },
    });
    const desk = await signIn(t.app, 'desk@example.com');
    const avail = await t.app.inject({
      method: 'GET',
      url: '/api/availability?type=consultation&from=2026-12-01&to=2026-12-10',
    });
    const slot = (avail.json() as { slots: { start: string; providerId: string }[] }).slots[0]!;
    const book = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/appointments',
        headers: { cookie: desk },
        payload: {
          type: 'consultation',
          start: slot.start,
          providerId: slot.providerId,
          patientId: 'demo-patient-2',
        },
      });
    expect((await book()).statusCode).toBe(201);
    expect((await book()).statusCode).toBe(409);
    await enqueueJob(
      t.deps.db.kysely,
      { kind: 'test.metrics', payload: {}, runAt: t.clock.now() - 30_000 },
      t.clock.now(),
    );

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(
      /anagen_http_requests_total\{method="GET",route="\/api\/health",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /anagen_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/api\/appointments"\}/,
    );
    expect(text).toMatch(/anagen_sign_in_failures_total\{reason="bad_credentials"\} [1-9]/);
    expect(text).toMatch(/anagen_booking_conflicts_total\{route="\/api\/appointments"\} [1-9]/);
    expect(text).toMatch(/anagen_job_queue_depth\{kind="test\.metrics"\} 1/);
    expect(text).toMatch(/anagen_job_queue_oldest_age_seconds\{kind="test\.metrics"\} 30/);
    // Labels are patterns: no ids, emails or tokens.
    expect(text).not.toContain('desk@example.com');
    expect(text).not.toContain(TOKEN);
  });
});
