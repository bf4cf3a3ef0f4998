import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';
import { updateAppointmentIfStatus } from './booking.repository';

describe.each(DIALECTS)('reading, cancelling, moving and exporting appointments on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let patient: string;
  let patient2: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    desk = await signIn(t.app, 'desk@example.com');
    patient = await signIn(t.app, 'patient@example.com');
    patient2 = await signIn(t.app, 'patient2@example.com');
  });
  afterAll(() => t.close());

  const req = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

  async function guestBooking(start: string, providerId = 'demo-provider-morgan') {
    const res = await req('POST', '/api/appointments', undefined, {
      type: 'consultation',
      start,
      providerId,
      patient: { name: 'Alex Guest', email: `guest-${start.replace(/\D/g, '')}@example.org` },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; manageToken: string; start: string };
  }

  it('opens an appointment with its token, for its patient and staff, and for nobody else', async () => {
    const b = await guestBooking('2026-11-24T17:00:00.000Z');
    const byToken = await req('GET', `/api/appointments/${b.id}?token=${b.manageToken}`);
    expect(byToken.statusCode).toBe(200);
    expect(byToken.json()).toMatchObject({ id: b.id, status: 'booked', timeZone: 'America/Los_Angeles' });
    expect(byToken.json().patientName).toBeUndefined();
    expect((await req('GET', `/api/appointments/${b.id}?token=wrong-token`)).statusCode).toBe(404);
    expect((await req('GET', `/api/appointments/${b.id}`)).statusCode).toBe(401);
    expect((await req('GET', `/api/appointments/${b.id}`, patient)).statusCode).toBe(404);
    const staff = await req('GET', `/api/appointments/${b.id}`, desk);
    expect(staff.json().patientName).toBe('Alex Guest');

    const own = await req('POST', '/api/appointments', patient, {
      type: 'consultation',
      start: '2026-11-24T18:00:00.000Z',
    });
    const mine = await req('GET', `/api/appointments/${own.json().id}`, patient);
    expect(mine.statusCode).toBe(200);
    expect((await req('GET', `/api/appointments/${own.json().id}`, patient2)).statusCode).toBe(404);
    const list = await req('GET', '/api/patients/demo-patient-1/appointments', patient);
    expect(list.json().map((a: { id: string }) => a.id)).toContain(own.json().id);
    expect((await req('GET', '/api/patients/demo-patient-1/appointments', patient2)).statusCode).toBe(404);
  });

  it('applies the cancellation cut-off to guests and lets staff override it', async () => {
    // Monday 12:00 local is 4 h away: inside the 24 h cut-off.
    const soon = await guestBooking('2026-11-23T20:00:00.000Z', 'demo-provider-okafor');
    const refused = await req('POST', `/api/appointments/${soon.id}/cancel?token=${soon.manageToken}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(
      /Online cancellation closed at .*Nov 22, 2026, 12:00.*PM PST.*call the clinic/,
    );
    const staff = await req('POST', `/api/appointments/${soon.id}/cancel`, desk, { reason: 'called in' });
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect((await req('POST', `/api/appointments/${soon.id}/cancel`, desk)).statusCode).toBe(409);
    // The slot is free again.
    await guestBooking('2026-11-23T20:00:00.000Z', 'demo-provider-okafor');

    const later = await guestBooking('2026-11-27T17:00:00.000Z');
    const ok = await req('POST', `/api/appointments/${later.id}/cancel?token=${later.manageToken}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().cancelledAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('reschedules atomically: same UID, next sequence; on conflict nothing changes', async () => {
    const a = await guestBooking('2026-11-25T17:00:00.000Z');
    const b = await guestBooking('2026-11-25T18:00:00.000Z');
    const icsBefore = (await req('GET', `/api/appointments/${a.id}/ics?token=${a.manageToken}`)).body;

    const clash = await req(
      'POST',
      `/api/appointments/${a.id}/reschedule?token=${a.manageToken}`,
      undefined,
      {
        start: b.start,
        providerId: 'demo-provider-morgan',
      },
    );
    expect(clash.statusCode).toBe(409);
    const unchanged = (await req('GET', `/api/appointments/${a.id}?token=${a.manageToken}`)).json();
    expect(unchanged).toMatchObject({ start: '2026-11-25T17:00:00.000Z', sequence: 0, status: 'booked' });

    const moved = await req(
      'POST',
      `/api/appointments/${a.id}/reschedule?token=${a.manageToken}`,
      undefined,
      {
        start: '2026-11-25T19:00:00.000Z',
        providerId: 'demo-provider-morgan',
      },
    );
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ start: '2026-11-25T19:00:00.000Z', sequence: 1 });
    // The old time is free again for someone else.
    await guestBooking('2026-11-25T17:00:00.000Z');

    const parse = (body: string) =>
      Object.values(ical.sync.parseICS(body)).find((c) => c?.type === 'VEVENT')!;
    const before = parse(icsBefore) as ical.VEvent;
    const afterBody = (await req('GET', `/api/appointments/${a.id}/ics?token=${a.manageToken}`)).body;
    const after = parse(afterBody) as ical.VEvent;
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBe(Number(before.sequence) + 1);
    expect((after.start as Date).toISOString()).toBe('2026-11-25T19:00:00.000Z');
    expect((after.end as Date).toISOString()).toBe('2026-11-25T19:30:00.000Z');
    expect((after.start as Date & { tz?: string }).tz).toBe('America/Los_Angeles');
    expect(afterBody).toContain('DTSTART;TZID=America/Los_Angeles:20261125T110000');
    expect(afterBody).toMatch(/BEGIN:VTIMEZONE[\s\S]*TZID:America\/Los_Angeles[\s\S]*END:VTIMEZONE/);
    expect(afterBody).not.toContain('METHOD:CANCEL');
    expect(afterBody).toMatch(/^DTSTAMP:20261123T160000Z\r?$/m);
  });

  it('exports a cancelled appointment with METHOD:CANCEL', async () => {
    const a = await guestBooking('2026-11-26T18:00:00.000Z', 'demo-provider-chen');
    await req('POST', `/api/appointments/${a.id}/cancel?token=${a.manageToken}`);
    const res = await req('GET', `/api/appointments/${a.id}/ics?token=${a.manageToken}`);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('METHOD:CANCEL');
    const event = Object.values(ical.sync.parseICS(res.body)).find(
      (c) => c?.type === 'VEVENT',
    ) as ical.VEvent;
    expect(event.status).toBe('CANCELLED');
    expect(Number(event.sequence)).toBe(1);
  });

  it('lets staff mark check-in, no-show and completed, and shows them on the calendar', async () => {
    const a = await guestBooking('2026-11-30T17:00:00.000Z');
    let deskNow = desk;
    const status = (s: string, cookie = deskNow) =>
      req('POST', `/api/appointments/${a.id}/status`, cookie, { status: s });
    expect((await status('checked-in', patient)).statusCode).toBe(403);
    // A week ahead: nothing but "booked", and the desk is told from when.
    const early = await status('checked-in');
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'STATUS_TOO_EARLY',
      detail: 'Check-in opens on the day of the visit, Monday, November 30, 2026.',
    });
    expect((await status('no-show')).statusCode).toBe(422);
    expect((await status('completed')).statusCode).toBe(422);
    try {
      // The visit's morning, an hour before its 9:00 start (clinic time): check-in, not yet completed.
      t.clock.set(Date.parse('2026-11-30T16:00:00Z'));
      deskNow = await signIn(t.app, 'desk@example.com');
      expect((await status('checked-in')).json().status).toBe('checked-in');
      const notStarted = await status('completed');
      expect(notStarted.statusCode).toBe(422);
      expect(notStarted.json().detail).toBe(
        'This visit starts at 9:00 AM PST: it can be completed once it has started.',
      );
      t.clock.set(Date.parse('2026-11-30T17:30:00Z'));
      expect((await status('completed')).json().status).toBe('completed');
      expect((await status('no-show')).statusCode).toBe(409);
    } finally {
      t.clock.set(TEST_NOW);
    }
    // A status change decided on a stale read writes nothing: the row was cancelled meanwhile.
    const db = t.deps.db.kysely;
    await db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', a.id).execute();
    expect(await updateAppointmentIfStatus(db, a.id, 'completed', { status: 'checked-in' })).toBe(false);
    const row = await db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', a.id)
      .executeTakeFirst();
    expect(row?.status).toBe('cancelled');
    await db.updateTable('appointments').set({ status: 'completed' }).where('id', '=', a.id).execute();

    const cal = await req('GET', '/api/calendar?from=2026-11-30&to=2026-12-06', desk);
    expect(cal.statusCode).toBe(200);
    const body = cal.json();
    expect(body.timeZone).toBe('America/Los_Angeles');
    expect(body.resources).toEqual([{ id: 'demo-room-procedure', name: 'Procedure room' }]);
    expect(body.providers).toHaveLength(3);
    expect(body.appointments.find((x: { id: string }) => x.id === a.id)).toMatchObject({
      status: 'completed',
      patientName: 'Alex Guest',
      providerName: 'Dr. Casey Morgan',
      patientConfirmedAt: null,
    });
    expect((await req('GET', '/api/calendar?from=2026-11-30&to=2026-11-29', desk)).statusCode).toBe(400);
    expect((await req('GET', '/api/calendar?from=2026-11-30&to=2026-12-06', patient)).statusCode).toBe(403);
  });

  it('keeps a reschedule inside the cut-off for staff only', async () => {
    // Monday 15:00 local with Okafor, 7 h away.
    const s = await guestBooking('2026-11-23T23:00:00.000Z', 'demo-provider-okafor');
    const move = { start: '2026-11-24T23:30:00.000Z', providerId: 'demo-provider-morgan' };
    const guest = await req(
      'POST',
      `/api/appointments/${s.id}/reschedule?token=${s.manageToken}`,
      undefined,
      move,
    );
    expect(guest.statusCode).toBe(422);
    expect(guest.json().detail).toMatch(/Online changes closed/);
    const staff = await req('POST', `/api/appointments/${s.id}/reschedule`, desk, move);
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({ providerId: 'demo-provider-morgan', start: move.start });
  });
  it('stops a guest link 30 days after the appointment ends, with a clear 410; staff still open it', async () => {
    // Tuesday 10:00 local with Morgan (30 min).
    const b = await guestBooking('2026-11-24T18:00:00.000Z');
    const end = Date.parse(b.start) + 30 * 60_000;
    const byLink = () => req('GET', `/api/appointments/${b.id}?token=${b.manageToken}`);
    try {
      t.clock.set(end + 30 * 86_400_000 - 60_000);
      expect((await byLink()).statusCode).toBe(200);
      t.clock.set(end + 30 * 86_400_000 + 60_000);
      const expired = await byLink();
      expect(expired.statusCode).toBe(410);
      expect(expired.json()).toMatchObject({ status: 410, code: 'LINK_EXPIRED' });
      expect(expired.json().detail).toMatch(/30 days after the appointment/);
      expect((await req('GET', `/api/appointments/${b.id}/ics?token=${b.manageToken}`)).statusCode).toBe(410);
      // A made-up token is still just unknown, and staff are not affected.
      expect((await req('GET', `/api/appointments/${b.id}?token=made-up`)).statusCode).toBe(404);
      const deskNow = await signIn(t.app, 'desk@example.com');
      expect((await req('GET', `/api/appointments/${b.id}`, deskNow)).statusCode).toBe(200);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});
