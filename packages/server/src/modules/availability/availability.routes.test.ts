import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

interface SlotJson {
  start: string;
  end: string;
  providerId: string;
}

describe.each(DIALECTS)('appointment types and availability on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let patient: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
    patient = await signIn(t.app, 'patient@example.com');
  });
  afterAll(() => t.close());

  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

  it('lists only public types to visitors and patients, all types to staff', async () => {
    const guest = (await get('/api/appointment-types')).json() as { slug: string }[];
    expect(guest.map((x) => x.slug)).toEqual(['consultation']);
    expect((await get('/api/appointment-types', patient)).json()).toHaveLength(1);
    const staff = (await get('/api/appointment-types', desk)).json() as { slug: string }[];
    expect(staff.map((x) => x.slug).sort()).toEqual(
      ['consultation', 'follow-up', 'prp-session', 'stem-cell-procedure'].sort(),
    );
    expect(staff.find((x) => x.slug === 'stem-cell-procedure')).toMatchObject({
      durationMinutes: 180,
      resourceIds: ['demo-room-procedure'],
    });
  });

  it('introduces the active clinicians to anyone, with nothing beyond name, credentials and bio', async () => {
    const before = (await get('/api/providers')).json() as Record<string, unknown>[];
    expect(before.length).toBeGreaterThan(1);
    for (const p of before)
      expect(Object.keys(p).sort()).toEqual(['bio', 'credentials', 'id', 'name', 'photoUrl']);
    const morgan = before.find((p) => p.id === 'demo-provider-morgan');
    expect(morgan).toMatchObject({ name: 'Dr. Casey Morgan' });
    await t.testDb.db.kysely
      .updateTable('providers')
      .set({ active: 0 })
      .where('id', '=', 'demo-provider-morgan')
      .execute();
    const after = (await get('/api/providers')).json() as { id: string }[];
    expect(after.map((p) => p.id)).not.toContain('demo-provider-morgan');
    expect(after).toHaveLength(before.length - 1);
    await t.testDb.db.kysely
      .updateTable('providers')
      .set({ active: 1 })
      .where('id', '=', 'demo-provider-morgan')
      .execute();
  });

  it('returns consultation slots for a clinic-local day as UTC instants inside working hours', async () => {
    // Tuesday 2026-11-24 (PST, UTC−8): Morgan 09–17, Chen 10–18; Okafor does not work Tuesdays.
    const res = await get('/api/availability?type=consultation&from=2026-11-24&to=2026-11-24');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { timeZone: string; slots: SlotJson[] };
    expect(body.timeZone).toBe('America/Los_Angeles');
    const morgan = body.slots.filter((s) => s.providerId === 'demo-provider-morgan');
    const chen = body.slots.filter((s) => s.providerId === 'demo-provider-chen');
    expect(body.slots.some((s) => s.providerId === 'demo-provider-okafor')).toBe(false);
    expect(morgan[0]).toEqual({
      start: '2026-11-24T17:00:00.000Z',
      end: '2026-11-24T17:30:00.000Z',
      providerId: 'demo-provider-morgan',
    });
    expect(morgan.at(-1)!.start).toBe('2026-11-25T00:30:00.000Z'); // 16:30 local, ends 17:00
    expect(morgan).toHaveLength(31); // 09:00…16:30 every 15 min
    expect(chen[0]!.start).toBe('2026-11-24T18:00:00.000Z');
    for (const s of body.slots) expect(s.start).toMatch(/Z$/);
    // The hand-written body is exactly the contract schema.
    const { availabilitySchema } = await import('@anagen/core/contracts');
    expect(availabilitySchema.strict().safeParse(body).success).toBe(true);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('respects minimum notice on the first day and filters by provider', async () => {
    // Now is Monday 08:00 local; notice is 2 h, so Monday starts at 10:00 at the earliest.
    const res = await get(
      '/api/availability?type=consultation&from=2026-11-23&to=2026-11-23&providerId=demo-provider-okafor',
    );
    const slots = (res.json() as { slots: SlotJson[] }).slots;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.providerId === 'demo-provider-okafor')).toBe(true);
    expect(slots[0]!.start).toBe('2026-11-23T18:00:00.000Z');
  });

  it('leaves out times taken by appointments and blocks', async () => {
    const url =
      '/api/availability?type=consultation&from=2026-11-24&to=2026-11-24&providerId=demo-provider-morgan';
    const before = (await get(url)).json() as { slots: SlotJson[] };
    await t.testDb.db.kysely
      .insertInto('blocks')
      .values({
        id: 'test-block-1',
        provider_id: 'demo-provider-morgan',
        resource_id: null,
        start_at: Date.parse('2026-11-24T17:00:00Z'),
        end_at: Date.parse('2026-11-24T18:00:00Z'),
        reason: 'meeting',
        created_by: null,
        created_at: t.clock.now(),
      })
      .execute();
    const after = (await get(url)).json() as { slots: SlotJson[] };
    expect(before.slots.length - after.slots.length).toBe(4);
    expect(after.slots[0]!.start).toBe('2026-11-24T18:00:00.000Z');
    await t.testDb.db.kysely.deleteFrom('blocks').where('id', '=', 'test-block-1').execute();
  });

  it('keeps wall-clock times and real durations across the spring-forward change (2027-03-14)', async () => {
    // Okafor gets extra Sunday hours on the DST day, including the hour that does not exist.
    await t.testDb.db.kysely
      .insertInto('provider_exceptions')
      .values({
        id: 'test-dst-extra',
        provider_id: 'demo-provider-okafor',
        date: '2027-03-14',
        kind: 'extra',
        start_time: '01:00',
        end_time: '16:00',
        reason: null,
      })
      .execute();
    const day = (
      await get('/api/availability?type=stem-cell-procedure&from=2027-03-14&to=2027-03-14', desk)
    ).json() as {
      slots: SlotJson[];
    };
    const starts = day.slots.map((s) => s.start);
    // 01:00 and 01:30 PST exist (UTC−8); 02:00–02:30 do not; 03:00 PDT is 10:00Z (UTC−7).
    expect(starts.slice(0, 3)).toEqual([
      '2027-03-14T09:00:00.000Z',
      '2027-03-14T09:30:00.000Z',
      '2027-03-14T10:00:00.000Z',
    ]);
    expect(starts).toContain('2027-03-14T16:00:00.000Z'); // 09:00 PDT
    for (const s of day.slots) expect(Date.parse(s.end) - Date.parse(s.start)).toBe(3 * 3_600_000);
    await t.testDb.db.kysely.deleteFrom('provider_exceptions').where('id', '=', 'test-dst-extra').execute();
  });

  it('refuses bad ranges and malformed dates with 400', async () => {
    for (const q of [
      'type=consultation&from=2026-11-25&to=2026-11-24',
      'type=consultation&from=2026-11-01&to=2027-01-02',
      'type=consultation&from=2026-02-30&to=2026-03-02',
      'type=consultation&from=tomorrow&to=2026-11-24',
      'type=consultation&from=2026-11-24',
    ]) {
      const res = await get(`/api/availability?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/availability?type=consultation&from=2026-11-01&to=2027-01-01')).statusCode).toBe(
      200,
    );
  });

  it('answers 404 for an unknown type and 403 for non-public types to non-staff', async () => {
    expect((await get('/api/availability?type=nope&from=2026-11-24&to=2026-11-24')).statusCode).toBe(404);
    const prp = '/api/availability?type=prp-session&from=2026-11-24&to=2026-11-24';
    expect((await get(prp)).statusCode).toBe(403);
    expect((await get(prp, patient)).statusCode).toBe(403);
    expect((await get(prp, desk)).statusCode).toBe(200);
  });
});

describe('isoMinute', () => {
  it('matches toISOString for whole minutes and falls back otherwise', async () => {
    const { isoMinute } = await import('./availability.routes');
    const start = Date.parse('1999-12-31T00:00:00Z');
    for (let i = 0; i < 20000; i++) {
      const ms = start + i * 7 * 60_000 * 13; // spans years, leap days, every hour/minute
      expect(isoMinute(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoMinute(start + 1234)).toBe(new Date(start + 1234).toISOString());
    expect(isoMinute(Date.parse('2026-03-08T10:59:00Z'))).toBe('2026-03-08T10:59:00.000Z');
  });
});
