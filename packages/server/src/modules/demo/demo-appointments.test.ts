import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { seedDemoAppointments } from './demo-appointments.seed';

interface Entry {
  id: string;
  status: string;
  start: string;
  providerId: string;
  type: string;
  patientId: string;
}

describe.each(DIALECTS)('demo appointments on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('puts upcoming appointments on the staff calendar, today included', async () => {
    const desk = await signIn(t.app, 'desk@example.com');
    // TEST_NOW is Monday 2026-11-23 08:00 in Los Angeles.
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/calendar?from=2026-11-23&to=2026-12-13',
      headers: { cookie: desk },
    });
    expect(res.statusCode).toBe(200);
    const demo = (res.json().appointments as Entry[]).filter((a) => a.id.startsWith('demo-appt-'));
    const upcoming = demo.filter((a) => a.status === 'booked' && Date.parse(a.start) > t.clock.now());
    expect(upcoming.length).toBeGreaterThanOrEqual(4);
    expect(upcoming.map((a) => a.patientId)).toEqual(
      expect.arrayContaining(['demo-patient-1', 'demo-patient-2']),
    );
    expect(upcoming.some((a) => a.type === 'prp-session' && a.patientId === 'demo-patient-1')).toBe(true);
    // Monday 16:00 local with Morgan, so Today is not empty.
    expect(upcoming.find((a) => a.id === 'demo-appt-today-follow-up')?.start).toBe(
      '2026-11-24T00:00:00.000Z',
    );
  });

  it('has the consultation before the first session and a PRP visit on each session date', async () => {
    const k = t.testDb.db.kysely;
    const appts = await k
      .selectFrom('appointments')
      .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
      .select(['appointments.start_at', 'appointments.status', 'appointment_types.slug'])
      .where('appointments.patient_id', '=', 'demo-patient-1')
      .where('appointments.id', 'like', 'demo-appt-%')
      .orderBy('appointments.start_at')
      .execute();
    const sessions = await k
      .selectFrom('treatment_sessions')
      .select('performed_at')
      .where('patient_id', '=', 'demo-patient-1')
      .orderBy('performed_at')
      .execute();
    const photos = await k
      .selectFrom('photos')
      .select('taken_at')
      .where('patient_id', '=', 'demo-patient-1')
      .orderBy('taken_at')
      .execute();
    expect(sessions.length).toBeGreaterThan(0);
    const consult = appts.find((a) => a.slug === 'consultation');
    expect(consult?.status).toBe('completed');
    expect(Number(consult!.start_at)).toBeLessThan(Number(sessions[0]!.performed_at));
    if (photos.length) expect(Number(consult!.start_at)).toBeLessThanOrEqual(Number(photos[0]!.taken_at));
    const prp = appts.filter((a) => a.slug === 'prp-session' && a.status === 'completed');
    expect(prp).toHaveLength(sessions.length);
    for (const [i, s] of sessions.entries()) {
      expect(Math.abs(Number(prp[i]!.start_at) - Number(s.performed_at))).toBeLessThan(86_400_000);
    }
    expect(appts.some((a) => a.slug === 'follow-up' && a.status === 'completed')).toBe(true);
  });

  it('is idempotent', async () => {
    const count = async () =>
      Number(
        (
          await t.testDb.db.kysely
            .selectFrom('appointments')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('id', 'like', 'demo-appt-%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemoAppointments({ db: t.testDb.db.kysely, now: t.clock.now() });
    expect(await count()).toBe(before);
  });
});
