import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';
import { parseClinicSettings } from '../availability/scheduling.repository';
import { readClinicPolicies, readNoticeNotes } from '../clinic/clinic.repository';

const TYPE = {
  slug: 'scalp-check',
  name: 'Scalp check',
  description: 'A short look at the scalp.',
  durationMinutes: 15,
  isPublic: true,
  guestAllowed: false,
  priceCents: 5000,
  horizonDays: 60,
  slotStepMinutes: 15,
  providerIds: ['demo-provider-chen'],
};

describe.each(DIALECTS)('clinic, locations and catalogue on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signIn(t.app, 'admin@example.com');
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: { cookie: admin } });
  const settingsJson = async () =>
    (await t.testDb.db.kysely.selectFrom('clinics').select('settings_json').executeTakeFirstOrThrow())
      .settings_json;
  const paths = (res: { json(): { errors?: { path: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.path);

  it('edits clinic details; the public card shows the urgent-advice phone', async () => {
    const bad = await send('PUT', '/api/admin/clinic', {
      name: '',
      phone: 'call us',
      email: 'nope',
      website: 'clinic.example',
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(
      expect.arrayContaining(['body.name', 'body.phone', 'body.email', 'body.website']),
    );
    const ok = await send('PUT', '/api/admin/clinic', {
      name: 'Anagen Demo Clinic',
      address: '1 Main St',
      phone: '+1 415 555 0199',
      email: 'front@example.com',
      website: '',
    });
    expect(ok.statusCode).toBe(200);
    const card = await t.app.inject({ url: '/api/clinic' });
    expect(card.json()).toEqual({
      name: 'Anagen Demo Clinic',
      address: '1 Main St',
      phone: '+1 415 555 0199',
      email: 'front@example.com',
      website: null,
      // The demo clinic's only location is in Los Angeles: forms and lists show clinic time in it.
      timeZone: 'America/Los_Angeles',
      // The demo clinic's published passwords: the web app shows a banner on every page.
      demo: true,
    });
  });

  it('saves booking policies within limits and keeps other settings keys', async () => {
    await t.testDb.db.kysely
      .updateTable('clinics')
      .set({ settings_json: '{"otherFeature":{"x":1}}' })
      .execute();
    expect(await readClinicPolicies(t.testDb.db.kysely)).toEqual({
      cancellationCutoffHours: 24,
      reminderHours: 24,
      requireConsultationBeforeProcedure: true,
      sideEffectReviewHours: 24,
    });
    const bad = await send('PUT', '/api/admin/policies', {
      cancellationCutoffHours: -1,
      reminderHours: 400,
      requireConsultationBeforeProcedure: 'yes',
      sideEffectReviewHours: 24,
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(
      expect.arrayContaining([
        'body.cancellationCutoffHours',
        'body.reminderHours',
        'body.requireConsultationBeforeProcedure',
      ]),
    );
    const policies = {
      cancellationCutoffHours: 48,
      reminderHours: 2,
      requireConsultationBeforeProcedure: false,
      sideEffectReviewHours: 12,
    };
    expect((await send('PUT', '/api/admin/policies', policies)).statusCode).toBe(200);
    expect(await readClinicPolicies(t.testDb.db.kysely)).toEqual(policies);
    // Booking reads the same keys.
    expect(parseClinicSettings(await settingsJson())).toEqual({
      cancellationCutoffHours: 48,
      reminderHours: 2,
    });
    const row = await t.testDb.db.kysely
      .selectFrom('clinics')
      .select('settings_json')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings_json).otherFeature).toEqual({ x: 1 });
  });

  it('saves the notes added to appointment emails, keeps the policies, and refuses bad ones whole', async () => {
    const policiesBefore = await readClinicPolicies(t.testDb.db.kysely);
    expect((await send('GET', '/api/admin/notice-notes')).json()).toEqual({
      confirmation: '',
      reschedule: '',
      cancellation: '',
      reminder: '',
    });
    const notes = {
      confirmation: '  Parking is behind the building.\nPlease bring a list of your medicines.  ',
      reschedule: '',
      cancellation: '',
      reminder: 'Please arrive 10 minutes early.',
    };
    const saved = await send('PUT', '/api/admin/notice-notes', notes);
    expect(saved.statusCode).toBe(200);
    const trimmed = {
      ...notes,
      confirmation: 'Parking is behind the building.\nPlease bring a list of your medicines.',
    };
    expect(saved.json()).toEqual(trimmed);
    expect((await send('GET', '/api/admin/notice-notes')).json()).toEqual(trimmed);
    expect(await readClinicPolicies(t.testDb.db.kysely)).toEqual(policiesBefore);
    // A later policies save keeps the notes (each save replaces only its own settings key).
    expect((await send('PUT', '/api/admin/policies', policiesBefore)).statusCode).toBe(200);
    expect(await readNoticeNotes(t.testDb.db.kysely)).toEqual(trimmed);

    const bad = await send('PUT', '/api/admin/notice-notes', {
      ...notes,
      confirmation: 'x'.repeat(1001),
      reminder: 42,
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['body.confirmation', 'body.reminder']));
    const missing = await send('PUT', '/api/admin/notice-notes', { confirmation: 'Only this' });
    expect(missing.statusCode).toBe(400);
    expect(await readNoticeNotes(t.testDb.db.kysely)).toEqual(trimmed);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', '%notice-notes%')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('two admins saving different settings at the same moment both keep their change', async () => {
    const policies = { ...(await readClinicPolicies(t.testDb.db.kysely)), reminderHours: 6 };
    const notes = {
      confirmation: 'Side entrance after 6 pm.',
      reschedule: '',
      cancellation: '',
      reminder: '',
    };
    const [a, b] = await Promise.all([
      send('PUT', '/api/admin/policies', policies),
      send('PUT', '/api/admin/notice-notes', notes),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await readClinicPolicies(t.testDb.db.kysely)).toEqual(policies);
    expect(await readNoticeNotes(t.testDb.db.kysely)).toEqual(notes);
  });

  it('accepts only IANA zones and real opening hours for a location, saving nothing on error', async () => {
    const base = {
      name: 'Oakland',
      address: null,
      openingHours: [{ weekday: 1, start: '09:00', end: '17:00' }],
    };
    for (const zone of ['Mars/Olympus', '+01:00', 'PST', 'America/Nowhere', '']) {
      const res = await send('POST', '/api/admin/locations', { ...base, timeZone: zone });
      expect(`${zone} ${res.statusCode} ${paths(res)}`).toBe(`${zone} 400 body.timeZone`);
    }
    const hour25 = await send('POST', '/api/admin/locations', {
      ...base,
      timeZone: 'America/Los_Angeles',
      openingHours: [{ weekday: 1, start: '25:00', end: '26:00' }],
    });
    expect(paths(hour25)).toContain('body.openingHours.0.start');
    expect((await send('GET', '/api/admin/locations')).json()).toHaveLength(1);

    const created = await send('POST', '/api/admin/locations', { ...base, timeZone: 'Europe/Berlin' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Oakland',
      timeZone: 'Europe/Berlin',
      openingHours: base.openingHours,
    });
    const updated = await send('PUT', `/api/admin/locations/${created.json().id}`, {
      ...base,
      timeZone: 'America/Los_Angeles',
      openingHours: [{ weekday: 6, start: '10:00', end: '14:00' }],
    });
    expect(updated.json().openingHours).toEqual([{ weekday: 6, start: '10:00', end: '14:00' }]);
  });

  it('keeps providers’ weekly hours within the location’s opening hours, from either side', async () => {
    const demoLocation = async () =>
      (await send('GET', '/api/admin/locations'))
        .json()
        .find((l: { id: string }) => l.id === 'demo-location');
    const loc = await demoLocation();
    const putLocation = (openingHours: unknown) =>
      send('PUT', `/api/admin/locations/${loc.id}`, {
        name: loc.name,
        timeZone: loc.timeZone,
        address: loc.address,
        openingHours,
      });
    const storedOpening = async () => (await demoLocation()).openingHours;
    // Dr Okafor works Mon/Wed/Fri 08:00–16:00 and Sat 09:00–13:00 here; opening at 09:00 would
    // leave her first hour outside, so the change is refused and nothing is saved.
    const weekdays = (start: string, end: string) =>
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
    const late = await putLocation([
      ...weekdays('09:00', '18:00'),
      { weekday: 6, start: '09:00', end: '13:00' },
    ]);
    expect(late.statusCode).toBe(422);
    expect(late.json().detail ?? late.json().message).toMatch(
      /Okafor works Monday 08:00–09:00 \(open 09:00–18:00\)/,
    );
    expect(await storedOpening()).toEqual([]);

    const fits = [...weekdays('08:00', '18:00'), { weekday: 6, start: '09:00', end: '13:00' }];
    expect((await putLocation(fits)).statusCode).toBe(200);
    expect(await storedOpening()).toHaveLength(6);

    // Now the provider side: Sunday is closed and 18:00–19:00 is after closing.
    const chenHours = () =>
      t.testDb.db.kysely
        .selectFrom('provider_hours')
        .select(['weekday', 'start_time', 'end_time'])
        .where('provider_id', '=', 'demo-provider-chen')
        .orderBy('weekday')
        .execute();
    const hoursBefore = await chenHours();
    const refused = await send('PUT', '/api/admin/providers/demo-provider-chen/hours', {
      hours: [
        { locationId: loc.id, weekday: 2, start: '10:00', end: '18:00' },
        { locationId: loc.id, weekday: 3, start: '10:00', end: '19:00' },
        { locationId: loc.id, weekday: 7, start: '10:00', end: '12:00' },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['body.hours.1.end', 'body.hours.2.start']);
    expect(refused.json().errors.map((e: { message: string }) => e.message)).toEqual([
      `Wednesday 18:00–19:00 (open 08:00–18:00) is outside the opening hours of ${loc.name}`,
      `Sunday 10:00–12:00 (closed all day) is outside the opening hours of ${loc.name}`,
    ]);
    expect(await chenHours()).toEqual(hoursBefore);
    const ok = await send('PUT', '/api/admin/providers/demo-provider-chen/hours', {
      hours: [{ locationId: loc.id, weekday: 3, start: '10:00', end: '18:00' }],
    });
    expect(ok.statusCode).toBe(200);
    // Clearing the opening hours (not set) lifts the check again.
    expect((await putLocation([])).statusCode).toBe(200);
  });

  it('closes a location for a holiday: its providers get the days off, bookings on them are listed', async () => {
    const start = Date.parse('2026-12-24T18:00:00Z');
    await t.testDb.db.kysely
      .insertInto('appointments')
      .values({
        id: 'appt-xmas',
        type_id: 'demo-type-consultation',
        provider_id: 'demo-provider-okafor',
        location_id: 'demo-location',
        patient_id: 'demo-patient-2',
        start_at: start,
        end_at: start + 1800_000,
        busy_start_at: start,
        busy_end_at: start + 1800_000,
        status: 'booked',
        notes: null,
        manage_token_hash: null,
        ical_uid: 'x@test',
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
    const body = { startDate: '2026-12-24', endDate: '2026-12-25', reason: 'Holidays' };
    const preview = await send('POST', '/api/admin/locations/demo-location/closures/preview', body);
    expect(preview.json().conflicts.map((c: { appointmentId: string }) => c.appointmentId)).toEqual([
      'appt-xmas',
    ]);
    const res = await send('POST', '/api/admin/locations/demo-location/closures', body);
    expect(res.statusCode).toBe(201);
    const closure = res.json().location.closures[0];
    expect(closure).toMatchObject({ startDate: '2026-12-24', endDate: '2026-12-25', reason: 'Holidays' });
    const offDays = await t.testDb.db.kysely
      .selectFrom('provider_exceptions')
      .select(['provider_id', 'date'])
      .where('kind', '=', 'off')
      .orderBy('provider_id')
      .orderBy('date')
      .execute();
    expect(offDays).toHaveLength(6);
    const slots = await t.app.inject({
      url: '/api/availability?type=consultation&from=2026-12-24&to=2026-12-24',
    });
    expect(slots.json().slots).toEqual([]);
    // A provider given hours after the closure was planned is closed on those days too.
    const late = await send('POST', '/api/admin/providers', {
      name: 'Late Starter',
      locationId: 'demo-location',
      appointmentTypeIds: ['demo-type-consultation'],
    });
    await send('PUT', `/api/admin/providers/${late.json().id}/hours`, {
      hours: [{ locationId: 'demo-location', weekday: 4, start: '09:00', end: '12:00' }],
    });
    const lateSlots = (date: string) =>
      t.app.inject({
        url: `/api/availability?type=consultation&from=${date}&to=${date}&providerId=${late.json().id}`,
      });
    expect((await lateSlots('2026-12-24')).json().slots).toEqual([]);
    expect((await lateSlots('2026-12-31')).json().slots.length).toBeGreaterThan(0);
    expect(
      (await send('DELETE', `/api/admin/locations/demo-location/closures/${closure.id}`)).statusCode,
    ).toBe(200);
    expect(await t.testDb.db.kysely.selectFrom('provider_exceptions').select('id').execute()).toEqual([]);
    const bad = await send('POST', '/api/admin/locations/demo-location/closures', {
      startDate: '2026-12-25',
      endDate: '2026-12-24',
    });
    expect(paths(bad)).toContain('body.endDate');
  });

  it('creates and edits appointment types with validated prices and rules', async () => {
    const negative = await send('POST', '/api/admin/appointment-types', { ...TYPE, priceCents: -100 });
    expect(paths(negative)).toContain('body.priceCents');
    const guestPrivate = await send('POST', '/api/admin/appointment-types', {
      ...TYPE,
      isPublic: false,
      guestAllowed: true,
    });
    expect(paths(guestPrivate)).toContain('body.guestAllowed');
    const unknownProvider = await send('POST', '/api/admin/appointment-types', {
      ...TYPE,
      providerIds: ['ghost'],
    });
    expect(unknownProvider.statusCode).toBe(400);
    const dupe = await send('POST', '/api/admin/appointment-types', { ...TYPE, slug: 'consultation' });
    expect(dupe.statusCode).toBe(409);
    expect(paths(dupe)).toEqual(['body.slug']);
    const count = (await send('GET', '/api/admin/appointment-types')).json().length;
    expect(count).toBe(4);

    const created = await send('POST', '/api/admin/appointment-types', {
      ...TYPE,
      depositNote: 'No deposit.',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      slug: 'scalp-check',
      priceCents: 5000,
      depositNote: 'No deposit.',
      providerIds: ['demo-provider-chen'],
    });
    const publicList = (await t.app.inject({ url: '/api/appointment-types' })).json();
    expect(publicList.map((x: { slug: string }) => x.slug)).toContain('scalp-check');

    const staffOnly = await send('PUT', `/api/admin/appointment-types/${created.json().id}`, {
      ...TYPE,
      isPublic: false,
      resourceIds: ['demo-room-procedure'],
    });
    expect(staffOnly.json()).toMatchObject({ isPublic: false, resourceIds: ['demo-room-procedure'] });
    const after = (await t.app.inject({ url: '/api/appointment-types' })).json();
    expect(after.map((x: { slug: string }) => x.slug)).not.toContain('scalp-check');
  });

  it('adds and renames rooms', async () => {
    const bad = await send('POST', '/api/admin/resources', {
      name: 'Room 2',
      kind: 'room',
      locationId: 'nowhere',
    });
    expect(bad.statusCode).toBe(400);
    const room = await send('POST', '/api/admin/resources', {
      name: 'Room 2',
      kind: 'room',
      locationId: 'demo-location',
    });
    expect(room.statusCode).toBe(201);
    const renamed = await send('PUT', `/api/admin/resources/${room.json().id}`, {
      name: 'Laser room',
      kind: 'equipment',
      locationId: 'demo-location',
    });
    expect(renamed.json()).toMatchObject({ name: 'Laser room', kind: 'equipment' });
  });
});
