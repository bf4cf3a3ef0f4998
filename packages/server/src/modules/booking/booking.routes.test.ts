import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

// Tuesday 2026-11-24 in Los Angeles (UTC−8): Morgan works 09–17, Chen 10–18.
const TUE_0900 = '2026-11-24T17:00:00.000Z';
const TUE_0930 = '2026-11-24T17:30:00.000Z';

describe.each(DIALECTS)('booking an appointment on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let patient: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
    patient = await signIn(t.app, 'patient@example.com');
  });
  afterAll(() => t.close());

  const book = (payload: object, cookie?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
  const guest = (email: string) => ({ name: 'Robin Guest', email, phone: '+1 415 555 0199' });

  it('books a consultation for a guest and creates the patient record', async () => {
    const res = await book({
      type: 'consultation',
      start: TUE_0900,
      providerId: 'demo-provider-morgan',
      patient: guest('robin@example.org'),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'booked',
      start: TUE_0900,
      end: TUE_0930,
      providerId: 'demo-provider-morgan',
      type: 'consultation',
    });
    const { appointmentSchema } = await import('@anagen/core/contracts');
    expect(appointmentSchema.strict().safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ patientConfirmedAt: null, cancelledAt: null, seriesId: null, sequence: 0 });
    // ≥ 128 bits: 32 random bytes in base64url.
    expect(body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.patientId).toBeUndefined();
    const row = await t.testDb.db.kysely
      .selectFrom('appointments')
      .innerJoin('patients', 'patients.id', 'appointments.patient_id')
      .select(['patients.email', 'appointments.manage_token_hash', 'appointments.busy_end_at'])
      .where('appointments.id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe('robin@example.org');
    expect(row.manage_token_hash).not.toContain(body.manageToken);
    expect(row.busy_end_at).toBe(Date.parse(TUE_0930));
  });

  it("keeps a guest booking with an account's email out of that account's record, without revealing it", async () => {
    const before = await t.testDb.db.kysely.selectFrom('patients').select('id').execute();
    const known = await book({
      type: 'consultation',
      start: TUE_0930,
      patient: guest('PATIENT2@example.com'),
    });
    const unknown = await book({
      type: 'consultation',
      start: '2026-11-24T18:30:00.000Z',
      patient: guest('new-person@example.org'),
    });
    expect(known.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    const strip = (b: Record<string, unknown>) => Object.keys(b).sort();
    expect(strip(known.json())).toEqual(strip(unknown.json()));
    expect(known.body).not.toContain('Sam Lee');
    const linked = await t.testDb.db.kysely
      .selectFrom('appointments')
      .select('patient_id')
      .where('id', '=', known.json().id)
      .executeTakeFirstOrThrow();
    // Typing an address proves nothing: the booking gets its own guest record for staff to merge.
    expect(linked.patient_id).not.toBe('demo-patient-2');
    const after = await t.testDb.db.kysely.selectFrom('patients').select(['id', 'user_id']).execute();
    expect(after.length - before.length).toBe(2);
    expect(after.find((p) => p.id === linked.patient_id)?.user_id).toBeNull();
  });

  it('books a signed-in patient for themself', async () => {
    const res = await book({ type: 'consultation', start: '2026-11-24T18:00:00.000Z' }, patient);
    expect(res.statusCode).toBe(201);
    expect(res.json().patientId).toBe('demo-patient-1');
  });

  it('lets staff book any type for any patient, and refuses that to others', async () => {
    const prp = { type: 'prp-session', start: '2026-11-24T19:00:00.000Z', patientId: 'demo-patient-2' };
    expect((await book(prp, patient)).statusCode).toBe(403);
    expect((await book({ ...prp, patientId: undefined, patient: guest('x@example.org') })).statusCode).toBe(
      403,
    );
    const res = await book(prp, desk);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'prp-session', patientId: 'demo-patient-2' });
    const self = await book(
      { type: 'consultation', start: '2026-11-24T20:00:00.000Z', patientId: 'demo-patient-2' },
      patient,
    );
    expect(self.statusCode).toBe(403);
  });

  it('asks a guest for contact details', async () => {
    const res = await book({ type: 'consultation', start: '2026-11-24T21:00:00.000Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.patient');
  });

  it('refuses past, too-soon, unaligned and taken starts with reasons a person understands', async () => {
    const cases: [string, number, RegExp][] = [
      ['2026-11-20T17:00:00.000Z', 422, /already passed/],
      ['2026-11-23T16:30:00.000Z', 422, /too soon.*earliest time you can book is Mon, Nov 23, 2026, 10:00/],
      ['2027-06-01T17:00:00.000Z', 422, /too far ahead/],
      ['2026-11-24T17:07:00.000Z', 409, /not available/],
      [TUE_0900, 409, /not available/],
    ];
    for (const [start, status, detail] of cases) {
      const res = await book({
        type: 'consultation',
        start,
        providerId: 'demo-provider-morgan',
        patient: guest('late@example.org'),
      });
      expect(res.statusCode, start).toBe(status);
      expect(res.json().detail, start).toMatch(detail);
    }
    const rows = await t.testDb.db.kysely
      .selectFrom('patients')
      .select('id')
      .where('email', '=', 'late@example.org')
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses unknown fields, unknown types and malformed starts', async () => {
    expect((await book({ type: 'consultation', start: TUE_0900, extra: 1 }, patient)).statusCode).toBe(400);
    expect((await book({ type: 'consultation', start: 'tomorrow' }, patient)).statusCode).toBe(400);
    // Years outside 2000–2200 are refused at the edge (the year 50 once reached the calendar maths).
    for (const start of ['0050-06-01T10:00:00Z', '2300-01-01T10:00:00Z']) {
      const res = await book({ type: 'consultation', start, guest: { name: 'A B', email: 'a@b.example' } });
      expect(res.statusCode, start).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.start');
    }
    expect((await book({ type: 'nope', start: TUE_0900 }, patient)).statusCode).toBe(404);
  });

  it('returns the first result for a retried Idempotency-Key and refuses the key for another body', async () => {
    const payload = {
      type: 'consultation',
      start: '2026-11-24T22:00:00.000Z',
      patient: guest('retry@example.org'),
    };
    const first = await book(payload, undefined, { 'idempotency-key': 'k-123' });
    const again = await book(payload, undefined, { 'idempotency-key': 'k-123' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    const { manageToken: _a, ...a } = first.json();
    const { manageToken: _b, ...b } = again.json();
    expect(b).toEqual(a);
    const count = await t.testDb.db.kysely
      .selectFrom('appointments')
      .innerJoin('patients', 'patients.id', 'appointments.patient_id')
      .select('appointments.id')
      .where('patients.email', '=', 'retry@example.org')
      .execute();
    expect(count).toHaveLength(1);
    const other = await book({ ...payload, notes: 'different' }, undefined, { 'idempotency-key': 'k-123' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The replay's fresh token opens the same appointment.
    const open = await t.app.inject({ url: `/api/appointments/${a.id}?token=${again.json().manageToken}` });
    expect(open.statusCode).toBe(200);
  });

  it('lets staff block time, which then refuses bookings', async () => {
    const block = await t.app.inject({
      method: 'POST',
      url: '/api/blocks',
      headers: { cookie: desk },
      payload: {
        providerId: 'demo-provider-chen',
        start: '2026-11-25T18:00:00.000Z',
        end: '2026-11-25T19:00:00.000Z',
        reason: 'Training',
      },
    });
    expect(block.statusCode).toBe(201);
    const res = await book({
      type: 'consultation',
      start: '2026-11-25T18:30:00.000Z',
      providerId: 'demo-provider-chen',
      patient: guest('blocked@example.org'),
    });
    expect(res.statusCode).toBe(409);
    const overBooking = await t.app.inject({
      method: 'POST',
      url: '/api/blocks',
      headers: { cookie: desk },
      payload: { providerId: 'demo-provider-morgan', start: TUE_0900, end: TUE_0930 },
    });
    expect(overBooking.statusCode).toBe(409);
    const asPatient = await t.app.inject({
      method: 'POST',
      url: '/api/blocks',
      headers: { cookie: patient },
      payload: { providerId: 'demo-provider-chen', start: TUE_0900, end: TUE_0930 },
    });
    expect(asPatient.statusCode).toBe(403);
  });

  it('slows down a flood of guest bookings from one address (and never limits staff)', async () => {
    const many = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        book({
          type: 'consultation',
          start: '2026-12-01T17:00:00.000Z',
          patient: guest(`flood-${i}@example.org`),
        }),
      ),
    );
    const codes = many.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 201).length).toBeLessThanOrEqual(1);
    expect(codes.every((c) => [201, 409, 429].includes(c))).toBe(true);
    expect(many.find((r) => r.statusCode === 429)!.headers['retry-after']).toBe('900');
    const staff = await book(
      {
        type: 'consultation',
        start: '2026-12-01T18:00:00.000Z',
        providerId: 'demo-provider-morgan',
        patientId: 'demo-patient-2',
      },
      desk,
    );
    expect(staff.statusCode).toBe(201);
  });
});
