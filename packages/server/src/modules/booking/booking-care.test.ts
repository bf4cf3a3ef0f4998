import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { PREP_REMINDER_JOB } from '../preparation/preparation.service';

// Los Angeles is UTC−8. Thursday 2026-12-03 and the following weeks: Morgan works 09–17.
const THU_1000 = '2026-12-03T18:00:00.000Z';
const THU_1300 = '2026-12-03T21:00:00.000Z';
const DAY = 86_400_000;

describe.each(DIALECTS)('booking and the care pathway on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: desk } });
  const db = () => t.testDb.db.kysely;
  const newcomer = { name: 'Noor Newcomer', email: 'noor.newcomer@example.org' };

  it('refuses a procedure for a patient with no consultation and writes nothing', async () => {
    const res = await post('/api/appointments', {
      type: 'prp-session',
      start: THU_1000,
      providerId: 'demo-provider-morgan',
      patient: newcomer,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CONSULTATION_REQUIRED');
    const patients = await db()
      .selectFrom('patients')
      .select('id')
      .where('email', '=', newcomer.email)
      .execute();
    expect(patients).toEqual([]);
    const at = await db()
      .selectFrom('appointments')
      .select('id')
      .where('start_at', '=', Date.parse(THU_1000))
      .where('provider_id', '=', 'demo-provider-morgan')
      .execute();
    expect(at).toEqual([]);
  });

  it('books a consultation for the same newcomer without any reason', async () => {
    const res = await post('/api/appointments', {
      type: 'consultation',
      start: THU_1300,
      providerId: 'demo-provider-morgan',
      patient: { name: 'Casey Consult', email: 'casey.consult@example.org' },
    });
    expect(res.statusCode).toBe(201);
  });

  let newcomerId = '';
  it('books the procedure with an override reason, stores the reason and builds the checklist', async () => {
    const res = await post('/api/appointments', {
      type: 'prp-session',
      start: THU_1000,
      providerId: 'demo-provider-morgan',
      patient: newcomer,
      consultationOverrideReason: 'Consulted at partner clinic last month',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    newcomerId = body.patientId;
    const overrides = await db()
      .selectFrom('consultation_overrides')
      .select(['reason', 'created_by'])
      .where('patient_id', '=', newcomerId)
      .execute();
    expect(overrides).toEqual([
      { reason: 'Consulted at partner clinic last month', created_by: expect.any(String) },
    ]);
    const items = await db()
      .selectFrom('checklist_items')
      .select(['item_key', 'due_at', 'patient_id'])
      .where('appointment_id', '=', body.id)
      .execute();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.patient_id === newcomerId && Number(i.due_at) < Date.parse(THU_1000))).toBe(
      true,
    );
    const jobs = await db()
      .selectFrom('jobs')
      .select(['payload_json'])
      .where('kind', '=', PREP_REMINDER_JOB)
      .where('unique_key', 'like', `prep:${body.id}:%`)
      .execute();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => JSON.parse(j.payload_json).startAt === Date.parse(THU_1000))).toBe(true);

    // Rescheduling a week later moves the due dates and queues reminders for the new start.
    const moved = Date.parse(THU_1000) + 7 * DAY;
    const before = new Map(items.map((i) => [i.item_key, Number(i.due_at)] as const));
    const rs = await post(`/api/appointments/${body.id}/reschedule`, {
      start: new Date(moved).toISOString(),
      providerId: 'demo-provider-morgan',
    });
    expect(rs.statusCode).toBe(200);
    const after = await db()
      .selectFrom('checklist_items')
      .select(['item_key', 'due_at'])
      .where('appointment_id', '=', body.id)
      .execute();
    expect(after).toHaveLength(items.length);
    for (const i of after) expect(Number(i.due_at)).toBe(before.get(i.item_key)! + 7 * DAY);
    const movedJobs = await db()
      .selectFrom('jobs')
      .select('payload_json')
      .where('kind', '=', PREP_REMINDER_JOB)
      .where('unique_key', 'like', `prep:${body.id}:${moved}:%`)
      .execute();
    expect(movedJobs.length).toBeGreaterThan(0);
  });

  it('refuses a series without a reason for that patient and books it with one', async () => {
    const p = await post('/api/appointments/series/proposal', {
      type: 'prp-session',
      firstDate: '2027-01-05',
      count: 2,
      intervalDays: 28,
      toleranceDays: 3,
    });
    expect(p.statusCode).toBe(200);
    const sessions = (p.json().sessions as { slot: { start: string; providerId: string } | null }[]).map(
      (s) => ({
        start: s.slot!.start,
        providerId: s.slot!.providerId,
      }),
    );
    const refused = await post('/api/appointments/series', {
      type: 'prp-session',
      patientId: newcomerId,
      sessions,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CONSULTATION_REQUIRED');
    const none = await db()
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', newcomerId)
      .where('series_id', 'is not', null)
      .execute();
    expect(none).toEqual([]);

    const ok = await post('/api/appointments/series', {
      type: 'prp-session',
      patientId: newcomerId,
      sessions,
      consultationOverrideReason: 'Referred with a full assessment',
    });
    expect(ok.statusCode).toBe(201);
    const ids = (ok.json().appointments as { id: string }[]).map((a) => a.id);
    expect(ids).toHaveLength(2);
    const items = await db()
      .selectFrom('checklist_items')
      .select('appointment_id')
      .where('appointment_id', 'in', ids)
      .execute();
    expect(new Set(items.map((i) => i.appointment_id))).toEqual(new Set(ids));
    const reasons = await db()
      .selectFrom('consultation_overrides')
      .select('reason')
      .where('patient_id', '=', newcomerId)
      .execute();
    expect(reasons.map((r) => r.reason).sort()).toEqual([
      'Consulted at partner clinic last month',
      'Referred with a full assessment',
    ]);
  });

  it('lets staff book a procedure for a patient who already had a consultation, without a reason', async () => {
    const res = await post('/api/appointments', {
      type: 'prp-session',
      start: '2026-12-10T21:00:00.000Z',
      providerId: 'demo-provider-morgan',
      patientId: 'demo-patient-1',
    });
    expect(res.statusCode).toBe(201);
    const o = await db()
      .selectFrom('consultation_overrides')
      .select('id')
      .where('patient_id', '=', 'demo-patient-1')
      .execute();
    expect(o).toEqual([]);
  });

  it('refuses an override reason from a patient booking for themself', async () => {
    const patient = await signIn(t.app, 'patient2@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload: {
        type: 'consultation',
        start: '2026-12-10T22:00:00.000Z',
        consultationOverrideReason: 'I would like to skip it',
      },
      headers: { cookie: patient },
    });
    expect(res.statusCode).toBe(403);
  });
});
