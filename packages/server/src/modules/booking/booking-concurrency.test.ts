import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

const N = 50;

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe.each(DIALECTS)('no double booking under concurrency on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let base: string;
  beforeAll(async () => {
    // 50 guest bookings from one address are far past the guest limit; this test is about locking.
    t = await createTestApp(dialect, { config: { rateLimits: false } });
    desk = await signIn(t.app, 'desk@example.com');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const live = (filter: { providerId?: string; start: string }) => {
    let q = t.testDb.db.kysely
      .selectFrom('appointments')
      .select(['id', 'provider_id'])
      .where('status', '<>', 'cancelled')
      .where('start_at', '=', Date.parse(filter.start));
    if (filter.providerId) q = q.where('provider_id', '=', filter.providerId);
    return q.execute();
  };

  it(`gives one 201 and ${N - 1} × 409 for the same provider and start (in-process)`, async () => {
    const start = '2026-11-24T17:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/appointments',
          payload: {
            type: 'consultation',
            start,
            providerId: 'demo-provider-morgan',
            patient: { name: `Guest ${i}`, email: `race-a-${i}@example.org` },
          },
        }),
      ),
    );
    expect(tally(results.map((r) => r.statusCode))).toEqual({ 201: 1, 409: N - 1 });
    expect(await live({ providerId: 'demo-provider-morgan', start })).toHaveLength(1);
  });

  it(`gives one 201 and ${N - 1} × 409 over a real listening port`, async () => {
    const start = '2026-11-24T17:30:00.000Z';
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        fetch(`${base}/api/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'consultation',
            start,
            providerId: 'demo-provider-morgan',
            patient: { name: `Guest ${i}`, email: `race-b-${i}@example.org` },
          }),
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(tally(results)).toEqual({ 201: 1, 409: N - 1 });
    expect(await live({ providerId: 'demo-provider-morgan', start })).toHaveLength(1);
  });

  it('lets only one of two providers hold the procedure room at once', async () => {
    // Wednesday 2026-11-25 10:00 local: Morgan and Okafor both work; the room is the bottleneck.
    const start = '2026-11-25T18:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        fetch(`${base}/api/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: desk },
          body: JSON.stringify({
            type: 'stem-cell-procedure',
            start,
            providerId: i % 2 ? 'demo-provider-morgan' : 'demo-provider-okafor',
            patientId: i % 3 ? 'demo-patient-1' : 'demo-patient-2',
          }),
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(tally(results)).toEqual({ 201: 1, 409: N - 1 });
    const held = await t.testDb.db.kysely
      .selectFrom('appointment_resources')
      .innerJoin('appointments', 'appointments.id', 'appointment_resources.appointment_id')
      .select(['appointments.busy_start_at', 'appointments.busy_end_at'])
      .where('appointment_resources.resource_id', '=', 'demo-room-procedure')
      .where('appointments.status', '<>', 'cancelled')
      .execute();
    expect(held).toHaveLength(1);
    // A procedure an hour later would overlap the first one's 3 h + 30 min buffer: refused too.
    const overlapping = await Promise.all(
      ['demo-provider-morgan', 'demo-provider-okafor'].map((providerId) =>
        t.app.inject({
          method: 'POST',
          url: '/api/appointments',
          headers: { cookie: desk },
          payload: {
            type: 'stem-cell-procedure',
            start: '2026-11-25T19:00:00.000Z',
            providerId,
            patientId: 'demo-patient-2',
          },
        }),
      ),
    );
    expect(overlapping.map((r) => r.statusCode)).toEqual([409, 409]);
  });
});
