import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';
import { syncPreparationForAppointment } from './preparation.service';
import { insertTestAppointment } from './test-appointment.factory';

const H = 3_600_000;
const DAY = 24 * H;

describe.each(DIALECTS)('preparation checklists and post-care on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      sent.push(m);
      return { response: '250 ok', messageId: String(sent.length) };
    },
  };
  let start: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { mailer });
    call = await careClient(t);
    start = t.clock.now() + 10 * DAY;
    await insertTestAppointment(t.deps.db.kysely, {
      id: 'prep-appt-1',
      patientId: 'demo-patient-1',
      typeId: 'demo-type-prp',
      startAt: start,
      minutes: 60,
      now: t.clock.now(),
    });
  });
  afterAll(() => t.close());

  it('builds the checklist relative to the appointment start and lets the patient tick items', async () => {
    const res = await call('patient', 'GET', '/api/patients/demo-patient-1/preparation');
    expect(res.status).toBe(200);
    const [c] = res.body;
    expect(c).toMatchObject({ appointmentId: 'prep-appt-1', treatmentSlug: 'prp', done: 0, total: 4 });
    expect(c.items.map((i: { key: string; dueAt: number }) => [i.key, (i.dueAt - start) / H])).toEqual([
      ['stop-nsaids', -168],
      ['no-alcohol', -48],
      ['eat-drink', -12],
      ['wash-hair', -4],
    ]);
    const item = c.items[1];
    const tick = await call('patient', 'POST', `/api/patients/demo-patient-1/preparation/${item.id}/tick`, {
      ticked: true,
    });
    expect(tick.body.tickedAt).toBe(t.clock.now());
    const again = (await call('patient', 'GET', '/api/patients/demo-patient-1/preparation')).body[0];
    expect(again.done).toBe(1);
    expect(again.items.filter((i: { tickedAt: number | null }) => i.tickedAt !== null)).toHaveLength(1);
  });

  it('lets staff queue checklists and reminders right after booking, without the patient opening the portal', async () => {
    const db = t.deps.db.kysely;
    const now = t.clock.now();
    await insertTestAppointment(db, {
      id: 'prep-appt-sync',
      patientId: 'demo-patient-2',
      typeId: 'demo-type-stem-cell',
      startAt: now + 40 * DAY,
      minutes: 180,
      now,
    });
    const res = await call('desk', 'POST', '/api/patients/demo-patient-2/preparation/sync');
    expect(res.body).toEqual({ appointments: 1 });
    const items = await db
      .selectFrom('checklist_items')
      .select('item_key')
      .where('appointment_id', '=', 'prep-appt-sync')
      .execute();
    expect(items.map((i) => i.item_key).sort()).toEqual([
      'arrange-ride',
      'no-alcohol',
      'no-smoking',
      'stop-nsaids',
      'wash-hair',
    ]);
    const jobs = await db
      .selectFrom('jobs')
      .select('id')
      .where('unique_key', 'like', 'prep:prep-appt-sync:%')
      .execute();
    expect(jobs.length).toBe(4); // no-alcohol and no-smoking share one reminder time
    expect((await call('patient2', 'POST', '/api/patients/demo-patient-2/preparation/sync')).status).toBe(
      403,
    );
    // Out of the way of the reminder tests below: a cancelled visit's reminders send nothing.
    await db
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('id', '=', 'prep-appt-sync')
      .execute();
  });

  it('refuses ticking another patient’s item and desk reading checklists', async () => {
    const item = (await call('patient', 'GET', '/api/patients/demo-patient-1/preparation')).body[0].items[0];
    expect(
      (
        await call('patient2', 'POST', `/api/patients/demo-patient-2/preparation/${item.id}/tick`, {
          ticked: true,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('patient2', 'POST', `/api/patients/demo-patient-1/preparation/${item.id}/tick`, {
          ticked: true,
        })
      ).status,
    ).toBe(404);
    expect((await call('desk', 'GET', '/api/patients/demo-patient-1/preparation')).status).toBe(403);
  });

  it('emails each reminder when it comes due, skipping ticked steps, and never twice', async () => {
    await syncPreparationForAppointment(t.deps.db.kysely, 'prep-appt-1', t.clock.now());
    t.clock.set(start - 168 * H + 1000);
    await t.worker.runDueJobs();
    const first = sent.filter((m) => m.to === 'patient@example.com' && m.subject.startsWith('Getting ready'));
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toMatch(/anti-inflammatory/);
    expect(first[0]!.text).toMatch(/\+1 415 555 0134/);
    // The alcohol step was ticked: its reminder is skipped.
    t.clock.set(start - 48 * H + 1000);
    await t.worker.runDueJobs();
    expect(sent.filter((m) => m.subject.startsWith('Getting ready'))).toHaveLength(1);
    await syncPreparationForAppointment(t.deps.db.kysely, 'prep-appt-1', t.clock.now());
    t.clock.set(start - 4 * H + 1000);
    await t.worker.runDueJobs();
    const all = sent.filter((m) => m.subject.startsWith('Getting ready'));
    expect(all).toHaveLength(3);
    expect(all.filter((m) => m.text.includes('Wash your hair'))).toHaveLength(1);
    expect(all.filter((m) => m.text.includes('anti-inflammatory'))).toHaveLength(1);
    expect(all.some((m) => m.text.includes('No alcohol'))).toBe(false);
  });

  it('moves the checklist with a rescheduled appointment and drops the old reminders', async () => {
    const now = t.clock.now();
    const db = t.deps.db.kysely;
    const first = now + 30 * DAY;
    await insertTestAppointment(db, {
      id: 'prep-appt-3',
      patientId: 'demo-patient-2',
      typeId: 'demo-type-prp',
      startAt: first,
      minutes: 60,
      now,
      providerId: 'demo-provider-okafor',
    });
    await syncPreparationForAppointment(db, 'prep-appt-3', now);
    const moved = first + 7 * DAY;
    await db
      .updateTable('appointments')
      .set({ start_at: moved, end_at: moved + H, busy_start_at: moved, busy_end_at: moved + H })
      .where('id', '=', 'prep-appt-3')
      .execute();
    await syncPreparationForAppointment(db, 'prep-appt-3', now);
    const items = await db
      .selectFrom('checklist_items')
      .select(['item_key', 'due_at'])
      .where('appointment_id', '=', 'prep-appt-3')
      .execute();
    expect(items).toHaveLength(4);
    expect(items.every((i) => Number(i.due_at) > moved - 8 * DAY)).toBe(true);
    const before = sent.length;
    // The old start's 7-day reminder comes due first: it is stale and sends nothing.
    t.clock.set(first - 168 * H + 1000);
    await t.worker.runDueJobs();
    expect(sent.slice(before).filter((m) => m.to === 'patient2@example.com')).toEqual([]);
    t.clock.set(moved - 168 * H + 1000);
    await t.worker.runDueJobs();
    const mails = sent.slice(before).filter((m) => m.to === 'patient2@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/anti-inflammatory/);
    t.clock.set(now);
  });

  it('drops reminders of a cancelled appointment', async () => {
    const now = t.clock.now();
    await insertTestAppointment(t.deps.db.kysely, {
      id: 'prep-appt-2',
      patientId: 'demo-patient-2',
      typeId: 'demo-type-prp',
      startAt: now + 20 * DAY,
      minutes: 60,
      now,
      providerId: 'demo-provider-okafor',
    });
    await syncPreparationForAppointment(t.deps.db.kysely, 'prep-appt-2', now);
    await t.deps.db.kysely
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('id', '=', 'prep-appt-2')
      .execute();
    const before = sent.length;
    t.clock.set(now + 20 * DAY);
    await t.worker.runDueJobs();
    expect(sent.slice(before).filter((m) => m.to === 'patient2@example.com')).toEqual([]);
  });

  it('sends post-care after a session is recorded and shows it in the portal', async () => {
    call = await careClient(t); // the clock moved past the earlier sessions' expiry
    const now = t.clock.now();
    const s = await call('clinician', 'POST', '/api/patients/demo-patient-2/sessions', {
      providerId: 'demo-provider-morgan',
      treatmentSlug: 'prp',
      performedAt: now - H,
      injectionMap: [{ zone: 'midscalp-centre', volumeMl: 3 }],
    });
    expect(s.status).toBe(201);
    await t.worker.runDueJobs();
    const mail = sent.filter(
      (m) => m.to === 'patient2@example.com' && m.subject === 'After your PRP session',
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toMatch(/usual mild shampoo/);
    // Post-care names the injection emergencies the triage treats as urgent.
    expect(mail[0]!.text).toMatch(/pale, dusky or blotchy/);
    const portal = await call('patient2', 'GET', '/api/patients/demo-patient-2/post-care');
    // Newest first; the demo history's earlier session is still inside the 90-day window.
    expect(portal.body[0]).toMatchObject({ sessionId: s.body.id, title: 'After your PRP session' });
    expect(portal.body.map((p: { sessionId: string }) => p.sessionId)).toEqual([
      s.body.id,
      'demo-session-2a',
    ]);
    const log = await t.deps.db.kysely
      .selectFrom('deliveries')
      .select(['kind', 'status'])
      .where('patient_id', '=', 'demo-patient-2')
      .where('kind', '=', 'post-care')
      .execute();
    expect(log).toEqual([{ kind: 'post-care', status: 'sent' }]);
  });
});
