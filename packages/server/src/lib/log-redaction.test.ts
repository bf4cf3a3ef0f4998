import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { DIALECTS } from '../test/dialects';
import { createTestApp, type TestApp } from '../test/test-app';
import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it('replaces secret query values and token-like path segments, and keeps the rest', () => {
    expect(redactUrl('/api/appointments/0b7c9d1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e?token=abc&x=1')).toBe(
      '/api/appointments/0b7c9d1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e?token=[redacted]&x=1',
    );
    expect(redactUrl('/accept-invite?inviteToken=s3cret')).toBe('/accept-invite?inviteToken=[redacted]');
    expect(redactUrl('/reset?code=123456&email=a%40b.c')).toBe('/reset?code=[redacted]&email=a%40b.c');
    const token = 'q2J4yXv7Hq3kP0dUu1sWb9m5Lr8Tz6Na4Cf2Ge7Ih0Y';
    expect(redactUrl(`/api/verify/${token}/done`)).toBe('/api/verify/[redacted]/done');
    expect(redactUrl('/learn/minoxidil')).toBe('/learn/minoxidil');
  });
});

describe.each(DIALECTS)('request logs on %s', (dialect) => {
  let t: TestApp;
  let app: FastifyInstance;
  let logged = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const logStream = new PassThrough();
    logStream.on('data', (d) => {
      logged += d;
    });
    // The same app as in production, logging at info (tests are otherwise silent) into a buffer.
    app = await buildApp({ ...t.deps, config: { ...t.config, logLevel: 'info' }, logStream });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('never contain the manage token of a guest booking or an invitation token', async () => {
    const booked = await app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload: {
        type: 'consultation',
        start: '2026-11-24T17:00:00.000Z',
        providerId: 'demo-provider-morgan',
        patient: { name: 'Lee Logged', email: 'lee.logged@example.org' },
      },
    });
    expect(booked.statusCode).toBe(201);
    const { id, manageToken } = booked.json() as { id: string; manageToken: string };
    const read = await app.inject({
      url: `/api/appointments/${id}?token=${encodeURIComponent(manageToken)}`,
    });
    expect(read.statusCode).toBe(200);
    await app.inject({ url: `/accept-invite?token=${manageToken}` });
    await new Promise((r) => setImmediate(r));
    // The request was logged (with its id and path), just not its secret.
    expect(logged).toContain(`/api/appointments/${id}?token=[redacted]`);
    expect(logged).toContain('/accept-invite?token=[redacted]');
    expect(logged).not.toContain(manageToken);
  });
});
