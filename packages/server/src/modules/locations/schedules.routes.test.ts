import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';

// TEST_NOW is Monday 2026-11-23 08:00 in Los Angeles (UTC−8): Tuesday 09:00 local is 17:00Z.
const TUESDAY = '2026-11-24';
const WEDNESDAY = '2026-11-25';

describe.each(DIALECTS)('providers and schedules on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let providerId = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signIn(t.app, 'admin@example.com');
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: { cookie: admin } });
  const slots = async (date: string, provider: string) => {
    const res = await t.app.inject({
      url: `/api/availability?type=consultation&from=${date}&to=${date}&providerId=${provider}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json().slots as { start: string; providerId: string }[]).map((s) =>
      new Date(s.start).toISOString(),
    );
  };

  it('adds a provider; their weekly hours appear in public availability at once', async () => {
    const res = await send('POST', '/api/admin/providers', {
      name: 'Dr. Robin Vega',
      credentials: 'MD',
      bio: 'Consultations.',
      locationId: 'demo-location',
      appointmentTypeIds: ['demo-type-consultation'],
    });
    expect(res.statusCode).toBe(201);
    providerId = res.json().id;
    expect(await slots(TUESDAY, providerId)).toEqual([]);

    const hours = await send('PUT', `/api/admin/providers/${providerId}/hours`, {
      hours: [{ locationId: 'demo-location', weekday: 2, start: '09:00', end: '10:00' }],
    });
    expect(hours.statusCode).toBe(200);
    expect(hours.json().hours).toEqual([
      { locationId: 'demo-location', weekday: 2, start: '09:00', end: '10:00' },
    ]);
    expect(await slots(TUESDAY, providerId)).toEqual([
      '2026-11-24T17:00:00.000Z',
      '2026-11-24T17:15:00.000Z',
      '2026-11-24T17:30:00.000Z',
    ]);
  });

  it('rejects impossible hours with field errors and keeps the old hours', async () => {
    for (const [bad, path] of [
      [{ weekday: 2, start: '25:00', end: '26:00' }, 'body.hours.0.start'],
      [{ weekday: 2, start: '10:00', end: '09:00' }, 'body.hours.0.end'],
      [{ weekday: 8, start: '09:00', end: '10:00' }, 'body.hours.0.weekday'],
    ] as const) {
      const res = await send('PUT', `/api/admin/providers/${providerId}/hours`, {
        hours: [{ locationId: 'demo-location', ...bad }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const overlap = await send('PUT', `/api/admin/providers/${providerId}/hours`, {
      hours: [
        { locationId: 'demo-location', weekday: 2, start: '09:00', end: '12:00' },
        { locationId: 'demo-location', weekday: 2, start: '11:00', end: '13:00' },
      ],
    });
    expect(overlap.statusCode).toBe(400);
    const unknownLocation = await send('PUT', `/api/admin/providers/${providerId}/hours`, {
      hours: [{ locationId: 'nowhere', weekday: 3, start: '09:00', end: '10:00' }],
    });
    expect(unknownLocation.statusCode).toBe(400);
    expect(await slots(TUESDAY, providerId)).toHaveLength(3);
    const allDay = await send('PUT', `/api/admin/providers/${providerId}/hours`, {
      hours: [
        { locationId: 'demo-location', weekday: 2, start: '09:00', end: '10:00' },
        { locationId: 'demo-location', weekday: 6, start: '20:00', end: '24:00' },
      ],
    });
    expect(allDay.statusCode).toBe(200);
  });

  it('links a provider only to a clinician account that has no profile yet, saving nothing otherwise', async () => {
    const count = async () => (await send('GET', '/api/admin/providers')).json().length;
    const before = await count();
    const desk = await send('POST', '/api/admin/providers', {
      name: 'Desk Person',
      locationId: 'demo-location',
      userId: 'demo-user-desk',
    });
    expect(desk.statusCode).toBe(400);
    expect(desk.json().errors).toEqual([
      { path: 'body.userId', field: 'userId', message: expect.any(String) },
    ]);
    const taken = await send('POST', '/api/admin/providers', {
      name: 'Second Morgan',
      locationId: 'demo-location',
      userId: 'demo-user-clinician',
    });
    expect(taken.statusCode).toBe(409);
    const badType = await send('POST', '/api/admin/providers', {
      name: 'Typo',
      locationId: 'demo-location',
      appointmentTypeIds: ['no-such-type'],
    });
    expect(badType.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('warns about booked appointments an exception conflicts with, and lists them', async () => {
    const start = Date.parse(`${WEDNESDAY}T18:00:00Z`); // 10:00 in Los Angeles
    await t.testDb.db.kysely
      .insertInto('appointments')
      .values({
        id: 'appt-conflict',
        type_id: 'demo-type-consultation',
        provider_id: 'demo-provider-morgan',
        location_id: 'demo-location',
        patient_id: 'demo-patient-1',
        start_at: start,
        end_at: start + 30 * 60_000,
        busy_start_at: start,
        busy_end_at: start + 30 * 60_000,
        status: 'booked',
        notes: null,
        manage_token_hash: null,
        ical_uid: 'appt-conflict@test',
        ical_sequence: 0,
        series_id: null,
        patient_confirmed_at: null,
        cancelled_at: null,
        cancel_reason: null,
        created_by: null,
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      })
      .execute();
    const url = '/api/admin/providers/demo-provider-morgan/exceptions';
    const afternoon = await send('POST', `${url}/preview`, {
      date: WEDNESDAY,
      kind: 'off',
      start: '13:00',
      end: '17:00',
    });
    expect(afternoon.json().conflicts).toEqual([]);
    const preview = await send('POST', `${url}/preview`, { date: WEDNESDAY, kind: 'off' });
    expect(preview.json().conflicts).toEqual([
      {
        appointmentId: 'appt-conflict',
        providerId: 'demo-provider-morgan',
        providerName: 'Dr. Casey Morgan',
        patientName: 'Pat Rivera',
        typeName: 'Consultation',
        start: '2026-11-25T18:00:00.000Z',
        end: '2026-11-25T18:30:00.000Z',
      },
    ]);
    expect(await slots(WEDNESDAY, 'demo-provider-morgan')).not.toEqual([]);

    const created = await send('POST', url, { date: WEDNESDAY, kind: 'off', reason: 'Conference' });
    expect(created.statusCode).toBe(201);
    expect(created.json().conflicts).toHaveLength(1);
    expect(await slots(WEDNESDAY, 'demo-provider-morgan')).toEqual([]);
    const list = (await send('GET', url)).json();
    expect(list).toContainEqual({
      id: created.json().exception.id,
      date: WEDNESDAY,
      kind: 'off',
      start: null,
      end: null,
      reason: 'Conference',
    });

    const del = await send('DELETE', `${url}/${created.json().exception.id}`);
    expect(del.statusCode).toBe(204);
    expect(await slots(WEDNESDAY, 'demo-provider-morgan')).not.toEqual([]);
  });

  it('adds extra hours on a day off and validates exceptions', async () => {
    const url = `/api/admin/providers/${providerId}/exceptions`;
    expect(await slots(WEDNESDAY, providerId)).toEqual([]);
    const extra = await send('POST', url, { date: WEDNESDAY, kind: 'extra', start: '14:00', end: '14:30' });
    expect(extra.statusCode).toBe(201);
    expect(extra.json().conflicts).toEqual([]);
    expect(await slots(WEDNESDAY, providerId)).toEqual(['2026-11-25T22:00:00.000Z']);
    for (const bad of [
      { date: WEDNESDAY, kind: 'extra' },
      { date: '2026-02-30', kind: 'off' },
      { date: WEDNESDAY, kind: 'off', start: '10:00' },
      { date: WEDNESDAY, kind: 'off', start: '24:00', end: '24:30' },
      { date: WEDNESDAY, kind: 'holiday' },
    ]) {
      expect((await send('POST', url, bad)).statusCode).toBe(400);
    }
  });

  it('audits every schedule change with the admin as actor', async () => {
    const rows = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', 'like', 'admin.provider%')
      .execute();
    const actions = rows.map((r) => r.action);
    for (const a of [
      'admin.provider.create',
      'admin.provider.hours.update',
      'admin.provider.exception.create',
      'admin.provider.exception.delete',
    ]) {
      expect(actions).toContain(a);
    }
    expect(rows.every((r) => r.actor_id === 'demo-user-admin')).toBe(true);
  });
});
