import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { NOT_MOVED, PATIENT_OWNED_TABLES } from './merge.repository';

describe.each(DIALECTS)('merging patient records on %s', (dialect) => {
  let t: TestApp;
  let clinician: string;
  let desk: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    clinician = await signIn(t.app, 'clinician@example.com');
    desk = await signIn(t.app, 'desk@example.com');
    admin = await signIn(t.app, 'admin@example.com');
  });
  afterAll(() => t.close());

  const guestBooking = (start: string, email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload: { type: 'consultation', start, patient: { name: 'Sam Lee', email } },
    });
  const merge = (keptId: string, sourcePatientId: string, cookie: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${keptId}/merge`,
      payload: { sourcePatientId },
      headers: { cookie },
    });

  it('moves every patient-owned table: none with a patient_id column is forgotten', async () => {
    const tables = await t.testDb.db.kysely.introspection.getTables();
    const withPatientId = tables
      .filter((tb) => tb.columns.some((c) => c.name === 'patient_id'))
      .map((tb) => tb.name)
      .filter((name) => !(NOT_MOVED as readonly string[]).includes(name))
      .sort();
    expect(withPatientId).toEqual([...PATIENT_OWNED_TABLES].sort());
  });

  it("shows both records side by side, then merges a guest record into the account's record in one audited step", async () => {
    const booked = await guestBooking('2026-11-24T17:00:00.000Z', 'patient2@example.com');
    expect(booked.statusCode).toBe(201);
    const guest = await t.testDb.db.kysely
      .selectFrom('appointments')
      .select('patient_id')
      .where('id', '=', booked.json().id)
      .executeTakeFirstOrThrow();
    const sourceId = guest.patient_id;
    expect(sourceId).not.toBe('demo-patient-2');

    const preview = await t.app.inject({
      url: `/api/patients/demo-patient-2/merge-preview?source=${sourceId}`,
      headers: { cookie: clinician },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      kept: { id: 'demo-patient-2', hasAccount: true },
      source: { id: sourceId, hasAccount: false, counts: { appointments: 1 } },
      blocker: null,
    });
    const keptAppointments = preview.json().kept.counts.appointments as number;

    expect((await merge('demo-patient-2', sourceId, desk)).statusCode).toBe(403);
    // The record with an account is never the one that disappears.
    expect((await merge(sourceId, 'demo-patient-2', clinician)).statusCode).toBe(409);
    expect((await merge('demo-patient-1', 'demo-patient-2', admin)).statusCode).toBe(409);

    const res = await merge('demo-patient-2', sourceId, clinician);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kept: { id: 'demo-patient-2' }, moved: { appointments: 1 } });
    const after = await t.app.inject({
      url: `/api/patients/demo-patient-2/merge-preview?source=demo-patient-1`,
      headers: { cookie: clinician },
    });
    expect(after.json().kept.counts.appointments).toBe(keptAppointments + 1);
    const gone = await t.testDb.db.kysely
      .selectFrom('patients')
      .select('id')
      .where('id', '=', sourceId)
      .execute();
    expect(gone).toHaveLength(0);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'patient_id'])
      .where('action', 'in', ['patient.merge', 'patient.merged-away'])
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'patient.merge', actor_id: 'demo-user-clinician', patient_id: 'demo-patient-2' },
        { action: 'patient.merged-away', actor_id: 'demo-user-clinician', patient_id: sourceId },
      ]),
    );
    // Merging again finds nothing to merge.
    expect((await merge('demo-patient-2', sourceId, clinician)).statusCode).toBe(404);
  });

  it('refuses junk input with a 4xx and changes nothing', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/patients/demo-patient-2/merge',
      payload: { sourcePatientId: '' },
      headers: { cookie: clinician },
    });
    expect(bad.statusCode).toBe(400);
    expect((await merge('demo-patient-2', 'demo-patient-2', clinician)).statusCode).toBe(409);
  });
});
