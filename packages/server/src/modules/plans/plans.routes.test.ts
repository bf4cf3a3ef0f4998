import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from './care-test-client';
import { assertConsultationDone } from './consultation-rule';

const PLAN = {
  treatmentSlug: 'prp',
  sessionsPlanned: 3,
  intervalWeeks: 4,
  maintenanceIntervalWeeks: 16,
  goal: 'Thicken the crown',
};

describe.each(DIALECTS)('treatment plans and diagnoses on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await careClient(t);
  });
  afterAll(() => t.close());

  it('lets a clinician create a plan and the patient read it with its progress', async () => {
    const created = await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', PLAN);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      patientId: 'demo-patient-2',
      status: 'active',
      createdBy: 'demo-user-clinician',
      progress: { completed: 0, next: 1 },
    });
    const mine = await call('patient2', 'GET', '/api/patients/demo-patient-2/plans');
    expect(mine.status).toBe(200);
    expect(mine.body.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });

  it('refuses bad plans with field reasons and stores nothing', async () => {
    const before = (await call('clinician', 'GET', '/api/patients/demo-patient-2/plans')).body.length;
    const bad = await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', {
      ...PLAN,
      sessionsPlanned: 0,
      treatmentSlug: 'Not A Slug',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.sessionsPlanned', 'body.treatmentSlug']),
    );
    const extra = await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', {
      ...PLAN,
      price: 1,
    });
    expect(extra.status).toBe(400);
    expect((await call('clinician', 'GET', '/api/patients/demo-patient-2/plans')).body).toHaveLength(before);
  });

  it('changes a plan status and refuses another patient’s plan id', async () => {
    const created = (await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', PLAN)).body;
    const done = await call('clinician', 'PATCH', `/api/patients/demo-patient-2/plans/${created.id}`, {
      status: 'stopped',
    });
    expect(done.body.status).toBe('stopped');
    const wrong = await call('clinician', 'PATCH', `/api/patients/demo-patient-1/plans/${created.id}`, {
      status: 'active',
    });
    expect(wrong.status).toBe(404);
  });

  it('records diagnoses over time, oldest first, and refuses future dates', async () => {
    const now = t.clock.now();
    const a = await call('clinician', 'POST', '/api/patients/demo-patient-2/diagnoses', {
      lossType: 'female-pattern-hair-loss',
      scale: 'ludwig',
      stage: 'III',
      diagnosedAt: now - 1000,
    });
    expect(a.status).toBe(201);
    const future = await call('clinician', 'POST', '/api/patients/demo-patient-2/diagnoses', {
      lossType: 'female-pattern-hair-loss',
      scale: 'ludwig',
      stage: 'II',
      diagnosedAt: now + 86_400_000,
    });
    expect(future.status).toBe(422);
    const list = (await call('patient2', 'GET', '/api/patients/demo-patient-2/diagnoses')).body;
    const times = list.map((d: { diagnosedAt: number }) => d.diagnosedAt);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(list.at(-1)).toMatchObject({ scale: 'ludwig', stage: 'III' });
    // The stage must be one of the scale's own: nothing typed freely is charted as a stage.
    for (const [scale, stage] of [
      ['norwood', '3'],
      ['ludwig', 'IV'],
      ['sinclair', '6'],
      ['salt', '101'],
      ['salt', '35 %'],
    ]) {
      const bad = await call('clinician', 'POST', '/api/patients/demo-patient-2/diagnoses', {
        lossType: 'other',
        scale,
        stage,
      });
      expect(bad.status, `${scale} ${stage}`).toBe(400);
      expect(JSON.stringify(bad.body.errors)).toContain('body.stage');
    }
    const salt = await call('clinician', 'POST', '/api/patients/demo-patient-2/diagnoses', {
      lossType: 'alopecia-areata',
      scale: 'salt',
      stage: '35',
    });
    expect(salt.status).toBe(201);
    const after = (await call('patient2', 'GET', '/api/patients/demo-patient-2/diagnoses')).body;
    expect(after).toHaveLength(list.length + 1);
  });

  it('requires a consultation before a procedure unless overridden with a reason, or the rule is off', async () => {
    const db = t.deps.db.kysely;
    const now = t.clock.now();
    const pid = 'care-test-new-patient';
    await db
      .insertInto('patients')
      .values({
        id: pid,
        user_id: null,
        name: 'New Person',
        email: 'new@example.com',
        phone: null,
        birth_date: null,
        sex: null,
        created_at: now,
      })
      .execute();
    await expect(assertConsultationDone(db, pid, { now })).rejects.toMatchObject({
      code: 'CONSULTATION_REQUIRED',
    });
    await expect(
      assertConsultationDone(db, pid, { now, override: { reason: 'x', actorId: 'demo-user-desk' } }),
    ).rejects.toMatchObject({ code: 'CONSULTATION_REQUIRED' });
    const status = await call('desk', 'GET', `/api/patients/${pid}/consultation-status`);
    expect(status.body).toEqual({ required: true, done: false });

    await expect(
      assertConsultationDone(db, pid, {
        now,
        override: { reason: 'Seen at partner clinic', actorId: 'demo-user-desk' },
      }),
    ).resolves.toEqual({ outcome: 'overridden' });
    const overrides = await db
      .selectFrom('consultation_overrides')
      .selectAll()
      .where('patient_id', '=', pid)
      .execute();
    expect(overrides).toHaveLength(1);

    // A consultation in the past counts; a cancelled one does not.
    await db
      .insertInto('appointments')
      .values({
        id: 'care-test-consult',
        type_id: 'demo-type-consultation',
        provider_id: 'demo-provider-chen',
        location_id: 'demo-location',
        patient_id: pid,
        start_at: now - 7 * 86_400_000,
        end_at: now - 7 * 86_400_000 + 30 * 60_000,
        busy_start_at: now - 7 * 86_400_000,
        busy_end_at: now - 7 * 86_400_000 + 30 * 60_000,
        status: 'cancelled',
        notes: null,
        manage_token_hash: null,
        ical_uid: 'care-test-consult@anagen',
        ical_sequence: 0,
        series_id: null,
        patient_confirmed_at: null,
        cancelled_at: now,
        cancel_reason: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expect(assertConsultationDone(db, pid, { now })).rejects.toMatchObject({
      code: 'CONSULTATION_REQUIRED',
    });
    await db
      .updateTable('appointments')
      .set({ status: 'completed' })
      .where('id', '=', 'care-test-consult')
      .execute();
    await expect(assertConsultationDone(db, pid, { now })).resolves.toEqual({ outcome: 'done' });

    const pid2 = 'care-test-other';
    await db
      .insertInto('patients')
      .values({
        id: pid2,
        user_id: null,
        name: 'Other',
        email: 'o@example.com',
        phone: null,
        birth_date: null,
        sex: null,
        created_at: now,
      })
      .execute();
    const off = await call('admin', 'PUT', '/api/care-settings', {
      requireConsultationBeforeProcedure: false,
    });
    expect(off.body.requireConsultationBeforeProcedure).toBe(false);
    await expect(assertConsultationDone(db, pid2, { now })).resolves.toEqual({ outcome: 'not-required' });
    await call('admin', 'PUT', '/api/care-settings', { requireConsultationBeforeProcedure: true });
  });
});
