import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

interface SlotJson {
  start: string;
  end: string;
  providerId: string;
}

describe.each(DIALECTS)('treatment series on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let patient: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
    patient = await signIn(t.app, 'patient@example.com');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, cookie = desk) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const propose = async () => {
    const res = await post('/api/appointments/series/proposal', {
      type: 'prp-session',
      firstDate: '2026-12-01',
      count: 3,
      intervalDays: 28,
      toleranceDays: 3,
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      sessions: { targetDate: string; slot: SlotJson | null; alternatives: SlotJson[] }[];
    };
  };
  const countFor = async (patientId: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', patientId)
        .where('status', '<>', 'cancelled')
        .execute()
    ).length;

  it('proposes one slot per session within the tolerance of each target date', async () => {
    const p = await propose();
    expect(p.sessions.map((s) => s.targetDate)).toEqual(['2026-12-01', '2026-12-29', '2027-01-26']);
    for (const s of p.sessions) {
      expect(s.slot).not.toBeNull();
      const days = Math.abs(Date.parse(s.slot!.start) - Date.parse(`${s.targetDate}T12:00:00Z`)) / 86_400_000;
      expect(days).toBeLessThanOrEqual(3.5);
    }
  });

  it('books all sessions of a series at once with one series id', async () => {
    const p = await propose();
    const before = await countFor('demo-patient-2');
    const res = await post('/api/appointments/series', {
      type: 'prp-session',
      patientId: 'demo-patient-2',
      sessions: p.sessions.map((s) => ({ start: s.slot!.start, providerId: s.slot!.providerId })),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { seriesId: string; appointments: { seriesId: string; start: string }[] };
    expect(body.appointments).toHaveLength(3);
    expect(new Set(body.appointments.map((a) => a.seriesId))).toEqual(new Set([body.seriesId]));
    expect((await countFor('demo-patient-2')) - before).toBe(3);
  });

  it('books nothing when one session is no longer free', async () => {
    const p = await propose();
    const sessions = p.sessions.map((s) => ({ start: s.slot!.start, providerId: s.slot!.providerId }));
    // Someone takes session 3's time first.
    const taken = await post('/api/appointments', {
      type: 'prp-session',
      start: sessions[2]!.start,
      providerId: sessions[2]!.providerId,
      patientId: 'demo-patient-2',
    });
    expect(taken.statusCode).toBe(201);
    const before = await countFor('demo-patient-1');
    const res = await post('/api/appointments/series', {
      type: 'prp-session',
      patientId: 'demo-patient-1',
      sessions,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/Session 3/);
    expect(await countFor('demo-patient-1')).toBe(before);
  });

  it('refuses overlapping sessions and non-staff callers', async () => {
    const p = await propose();
    const s = p.sessions[0]!.slot!;
    const other = p.sessions[0]!.alternatives.find(
      (a) => a.providerId !== s.providerId && a.start === s.start,
    );
    const twice = other
      ? [
          { start: s.start, providerId: s.providerId },
          { start: other.start, providerId: other.providerId },
        ]
      : [
          { start: s.start, providerId: s.providerId },
          { start: s.start, providerId: s.providerId },
        ];
    const res = await post('/api/appointments/series', {
      type: 'prp-session',
      patientId: 'demo-patient-1',
      sessions: twice,
    });
    expect(res.statusCode).toBe(422);
    const asPatient = await post(
      '/api/appointments/series',
      {
        type: 'prp-session',
        patientId: 'demo-patient-1',
        sessions: [{ start: s.start, providerId: s.providerId }],
      },
      patient,
    );
    expect(asPatient.statusCode).toBe(403);
  });
});
