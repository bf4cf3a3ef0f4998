import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

// Wednesday 2026-11-25 in Los Angeles (UTC−8): Morgan works 09–17, Chen 10–18.
const WED_1000 = '2026-11-25T18:00:00.000Z';
const WED_1100 = '2026-11-25T19:00:00.000Z';
const WED_1400 = '2026-11-25T22:00:00.000Z';

describe.each(DIALECTS)('the front desk books a new caller, undoes and removes blocks on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let patient: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
    patient = await signIn(t.app, 'patient@example.com');
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, cookie = desk) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie } });
  const caller = {
    name: 'Alex Caller',
    email: 'Alex.Caller@Example.org',
    phone: '+1 415 555 0142',
    birthDate: '1979-04-30',
  };
  const auditOf = (action: string, resourceId: string) =>
    t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_role', 'detail'])
      .where('action', '=', action)
      .where('resource_id', '=', resourceId)
      .execute();

  let newPatientId = '';
  it('opens a record for a caller who is not a patient yet, audited, then books for it', async () => {
    const res = await call('POST', '/api/patients', caller);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      name: 'Alex Caller',
      email: 'alex.caller@example.org',
      phone: '+1 415 555 0142',
      birthDate: '1979-04-30',
      hasAccount: false,
    });
    newPatientId = p.id;
    expect(await auditOf('patient.create', p.id)).toEqual([
      { actor_id: 'demo-user-desk', actor_role: 'desk', detail: null },
    ]);
    const found = await call('GET', '/api/patients?q=alex.caller');
    expect(found.json().map((x: { id: string }) => x.id)).toEqual([p.id]);
    const booked = await call('POST', '/api/appointments', {
      type: 'consultation',
      start: WED_1000,
      providerId: 'demo-provider-morgan',
      patientId: p.id,
    });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().patientId).toBe(p.id);
  });

  it('refuses a second record for the same email, bad fields and non-staff, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.testDb.db.kysely
            .selectFrom('patients')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const dup = await call('POST', '/api/patients', { ...caller, email: 'ALEX.CALLER@example.org' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toMatch(/already exists/);
    const future = await call('POST', '/api/patients', {
      ...caller,
      email: 'f@example.org',
      birthDate: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([
      expect.objectContaining({
        path: 'body.birthDate',
        message: 'The date of birth cannot be in the future.',
      }),
    ]);
    const notADate = await call('POST', '/api/patients', {
      ...caller,
      email: 'g@example.org',
      birthDate: '1980-02-30',
    });
    expect(notADate.statusCode).toBe(400);
    const noPhone = await call('POST', '/api/patients', {
      ...caller,
      email: 'h@example.org',
      phone: 'call me',
    });
    expect(noPhone.statusCode).toBe(400);
    expect(
      (await call('POST', '/api/patients', { ...caller, email: 'i@example.org' }, patient)).statusCode,
    ).toBe(403);
    expect(await count()).toBe(before);
  });

  it('undoes a booking by cancelling it with the reason "undo", and a second undo changes nothing', async () => {
    const booked = await call('POST', '/api/appointments', {
      type: 'consultation',
      start: WED_1100,
      providerId: 'demo-provider-morgan',
      patientId: newPatientId,
    });
    const id = booked.json().id;
    const undo = await call('POST', `/api/appointments/${id}/undo`, { kind: 'booking' });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ status: 'cancelled' });
    const again = await call('POST', `/api/appointments/${id}/undo`, { kind: 'booking' });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('cancelled');
    const row = await t.testDb.db.kysely
      .selectFrom('appointments')
      .select(['status', 'cancel_reason', 'ical_sequence'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', cancel_reason: 'undo', ical_sequence: 1 });
    expect((await auditOf('appointment.cancel', id)).filter((e) => e.actor_role === 'desk')).toHaveLength(1);
    // The slot is free again.
    const rebook = await call('POST', '/api/appointments', {
      type: 'consultation',
      start: WED_1100,
      providerId: 'demo-provider-morgan',
      patientId: 'demo-patient-2',
    });
    expect(rebook.statusCode).toBe(201);
    // An appointment cancelled for another reason is not "undone" again: that would hide a conflict.
    await call('POST', `/api/appointments/${rebook.json().id}/cancel`, { reason: 'patient called' });
    expect(
      (await call('POST', `/api/appointments/${rebook.json().id}/undo`, { kind: 'booking' })).statusCode,
    ).toBe(409);
  });

  it('undoes a move by moving the visit back, idempotently', async () => {
    const booked = await call('POST', '/api/appointments', {
      type: 'consultation',
      start: WED_1400,
      providerId: 'demo-provider-chen',
      patientId: newPatientId,
    });
    const id = booked.json().id;
    const moved = await call('POST', `/api/appointments/${id}/reschedule`, {
      start: '2026-11-26T22:00:00.000Z',
      providerId: 'demo-provider-morgan',
    });
    expect(moved.json()).toMatchObject({
      start: '2026-11-26T22:00:00.000Z',
      providerId: 'demo-provider-morgan',
    });
    const back = { kind: 'move', start: WED_1400, providerId: 'demo-provider-chen' };
    const undo = await call('POST', `/api/appointments/${id}/undo`, back);
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({
      status: 'booked',
      start: WED_1400,
      providerId: 'demo-provider-chen',
    });
    const again = await call('POST', `/api/appointments/${id}/undo`, back);
    expect(again.json()).toMatchObject({ start: WED_1400, providerId: 'demo-provider-chen', sequence: 2 });
    // The move and the move back; the repeated undo wrote nothing.
    const moves = (await auditOf('appointment.reschedule', id)).filter((e) => e.detail?.startsWith('from'));
    expect(moves.map((e) => e.detail)).toEqual([
      `from ${WED_1400} to 2026-11-26T22:00:00.000Z`,
      `from 2026-11-26T22:00:00.000Z to ${WED_1400}`,
    ]);
    expect((await call('POST', `/api/appointments/${id}/undo`, back, patient)).statusCode).toBe(403);
    expect(
      (await call('POST', `/api/appointments/${id}/undo`, { kind: 'move', start: 'soon' })).statusCode,
    ).toBe(400);
  });

  it('removes a block with an audit entry naming what it covered; a second removal is a 404', async () => {
    const block = await call('POST', '/api/blocks', {
      providerId: 'demo-provider-chen',
      start: '2026-11-27T20:00:00.000Z',
      end: '2026-11-27T21:00:00.000Z',
      reason: 'Staff meeting',
    });
    const id = block.json().id;
    expect((await call('DELETE', `/api/blocks/${id}`, undefined, patient)).statusCode).toBe(403);
    const del = await call('DELETE', `/api/blocks/${id}`);
    expect(del.statusCode).toBe(204);
    expect(await auditOf('block.delete', id)).toEqual([
      {
        actor_id: 'demo-user-desk',
        actor_role: 'desk',
        detail: '2026-11-27T20:00:00.000Z…2026-11-27T21:00:00.000Z (Staff meeting)',
      },
    ]);
    expect((await call('DELETE', `/api/blocks/${id}`)).statusCode).toBe(404);
    const cal = await call('GET', '/api/calendar?from=2026-11-27&to=2026-11-27');
    expect(cal.json().blocks.map((b: { id: string }) => b.id)).not.toContain(id);
  });
});
