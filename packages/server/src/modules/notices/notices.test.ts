import type { AddressInfo } from 'node:net';
import ical from 'node-ical';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives and refuses one address. */
async function startSmtp(): Promise<{ port: number; inbox: Received[]; close(): Promise<void> }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('bounce')) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, inbox, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough MIME decoding for assertions: headers, quoted-printable text and base64 parts. */
function decode(raw: string): { subject: string; text: string; ics: string[] } {
  const unfolded = raw.replace(/\r\n/g, '\n');
  const subjectLine = /^Subject: (.*(?:\n[ \t].*)*)/m.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine
    .replace(/\n[ \t]/g, ' ')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
      Buffer.from(
        q
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8'),
    )
    .replace(/\?= =\?/g, '');
  const parts = unfolded.split(/\n--[^\n]+\n/);
  let text = '';
  const ics: string[] = [];
  for (const part of parts) {
    const [head = '', ...rest] = part.split('\n\n');
    const body = rest.join('\n\n');
    const qp = /quoted-printable/i.test(head);
    const b64 = /base64/i.test(head);
    const decoded = b64
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : qp
        ? Buffer.from(
            body
              .replace(/=\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
    if (/text\/plain/i.test(head)) text += decoded;
    if (/text\/calendar/i.test(head)) ics.push(decoded);
  }
  return { subject, text, ics };
}

describe.each(DIALECTS)('appointment notices through a real SMTP server on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let desk: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, {
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
        from: 'Anagen Demo Clinic <clinic@example.com>',
        dataDir: '/nonexistent',
      }),
    });
    desk = await signIn(t.app, 'desk@example.com');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const bookConsultation = (start: string, providerId: string, name: string, email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload: { type: 'consultation', start, providerId, patient: { name, email } },
    });
  const deliveries = async (id: string) =>
    (await t.app.inject({ url: `/api/appointments/${id}/deliveries`, headers: { cookie: desk } })).json() as {
      kind: string;
      status: string;
      serverResponse: string | null;
      subject: string;
    }[];

  it('confirms with an .ics, moves the reminder on reschedule, sends it once with a confirm link, and notices cancellation', async () => {
    // Wednesday 09:00 local with Morgan; the reminder is due 24 h before.
    const booked = await bookConsultation(
      '2026-11-25T17:00:00.000Z',
      'demo-provider-morgan',
      'Kim Mailtest',
      'kim@example.org',
    );
    expect(booked.statusCode).toBe(201);
    const { id, manageToken } = booked.json();
    expect((await deliveries(id)).map((d) => [d.kind, d.status]).sort()).toEqual([
      ['confirmation', 'queued'],
      ['reminder', 'queued'],
    ]);

    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(1);
    const confirmation = decode(smtp.inbox[0]!.raw);
    expect(smtp.inbox[0]!.to).toEqual(['kim@example.org']);
    expect(confirmation.subject).toBe('Booked: Consultation on Wednesday, November 25, 2026 at 9:00 AM PST');
    expect(confirmation.text).toContain('America/Los_Angeles');
    expect(confirmation.text).toMatch(new RegExp(`/manage/${id}\\?token=[A-Za-z0-9_-]{43}`));
    expect(confirmation.ics).toHaveLength(1);
    const event = Object.values(ical.sync.parseICS(confirmation.ics[0]!)).find(
      (c) => c?.type === 'VEVENT',
    ) as ical.VEvent;
    expect((event.start as Date).toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(confirmation.ics[0]).toContain('METHOD:REQUEST');
    // Where to go: the street address and a map link, in the email and the calendar file.
    const address = '100 Market Street, San Francisco, CA 94105';
    const map = `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
    expect(confirmation.text).toContain(`Address: ${address}`);
    expect(confirmation.text).toContain(`Map: ${map}`);
    expect(event.location).toBe(`Anagen Demo Clinic, ${address}`);
    expect(String(event.description)).toContain(address);
    expect(booked.json()).toMatchObject({ locationAddress: address, mapUrl: map });
    const sent = (await deliveries(id)).find((d) => d.kind === 'confirmation')!;
    expect(sent.status).toBe('sent');
    expect(sent.serverResponse).toMatch(/^250/);

    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${id}/reschedule?token=${manageToken}`,
      payload: { start: '2026-11-25T19:00:00.000Z', providerId: 'demo-provider-morgan' },
    });
    expect(moved.statusCode).toBe(200);
    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(2);
    const notice = decode(smtp.inbox[1]!.raw);
    expect(notice.subject).toBe('Moved: Consultation is now on Wednesday, November 25, 2026 at 11:00 AM PST');
    const movedEvent = Object.values(ical.sync.parseICS(notice.ics[0]!)).find(
      (c) => c?.type === 'VEVENT',
    ) as ical.VEvent;
    expect(movedEvent.uid).toBe(event.uid);
    expect(Number(movedEvent.sequence)).toBe(1);
    expect((await deliveries(id)).map((d) => [d.kind, d.status]).sort()).toEqual([
      ['confirmation', 'sent'],
      ['reminder', 'queued'],
      ['reschedule', 'sent'],
    ]);

    // The old reminder time (Tuesday 09:00 local) passes: nothing; the new one (11:00) sends once.
    t.clock.set(Date.parse('2026-11-24T17:30:00.000Z'));
    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(2);
    t.clock.set(Date.parse('2026-11-24T19:00:00.000Z'));
    await t.worker.runDueJobs();
    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(3);
    const reminder = decode(smtp.inbox[2]!.raw);
    expect(reminder.subject).toMatch(
      /^Reminder: Consultation on Wednesday, November 25, 2026 at 11:00 AM PST/,
    );
    expect(reminder.text).toContain('Address: 100 Market Street, San Francisco, CA 94105');
    const link = /(http:\/\/\S+\/api\/appointments\/\S+\/confirm\?token=[A-Za-z0-9_-]+)/.exec(
      reminder.text,
    )?.[1];
    expect(link).toBeDefined();

    desk = await signIn(t.app, 'desk@example.com'); // staff sessions last 12 h
    const url = new URL(link!);
    const confirmedAt = async () =>
      (await t.app.inject({ url: '/api/calendar?from=2026-11-25&to=2026-11-25', headers: { cookie: desk } }))
        .json()
        .appointments.find((a: { id: string }) => a.id === id).patientConfirmedAt;
    // Opening the link (as a mail scanner would) only asks; it records nothing.
    const opened = await t.app.inject({ url: `${url.pathname}${url.search}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toContain('text/html');
    expect(opened.body).toContain('Yes, I am coming');
    expect(opened.body).toContain(
      `<form method="post" action="${url.pathname}${url.search.replace(/&/g, '&amp;')}">`,
    );
    expect(await confirmedAt()).toBeNull();
    // Pressing the button posts the page's plain form.
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('see you then');
    expect(await confirmedAt()).toBe('2026-11-24T19:00:00.000Z');
    // Opened again later, the link says so rather than asking again.
    expect((await t.app.inject({ url: `${url.pathname}${url.search}` })).body).toContain('see you then');
    const wrong = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}?token=not-the-token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(wrong.statusCode).toBe(404);

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${id}/cancel`,
      headers: { cookie: desk },
    });
    expect(cancelled.statusCode).toBe(200);
    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(4);
    const cancelMail = decode(smtp.inbox[3]!.raw);
    expect(cancelMail.subject).toMatch(/^Cancelled: Consultation/);
    expect(cancelMail.ics[0]).toContain('METHOD:CANCEL');
    expect((await deliveries(id)).every((d) => d.status === 'sent')).toBe(true);
  });

  it("adds the clinic's own note to the message it belongs to, and to no other", async () => {
    t.clock.set(Date.parse('2026-11-23T16:00:00.000Z'));
    const admin = await signIn(t.app, 'admin@example.com');
    const notes = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/notice-notes',
      headers: { cookie: admin },
      payload: {
        confirmation: 'Parking is behind the building.\nBring a list of your medicines.',
        reschedule: '',
        cancellation: 'We hope to see you another time.',
        reminder: '',
      },
    });
    expect(notes.statusCode).toBe(200);
    const booked = await bookConsultation(
      '2026-11-27T18:00:00.000Z',
      'demo-provider-morgan',
      'Noa Notes',
      'noa@example.org',
    );
    expect(booked.statusCode).toBe(201);
    const before = smtp.inbox.length;
    await t.worker.runDueJobs();
    expect(smtp.inbox).toHaveLength(before + 1);
    const mail = decode(smtp.inbox[before]!.raw);
    expect(mail.text).toContain('Parking is behind the building.\nBring a list of your medicines.');
    expect(mail.text).not.toContain('another time');
    // The facts and the manage link are still there, after the note.
    expect(mail.text).toMatch(/Parking is behind[\s\S]+To change or cancel: http/);
    expect(mail.text).toContain('Your Consultation with');
  });

  it('records a refused message as failed with the server’s answer', async () => {
    t.clock.set(Date.parse('2026-11-23T16:00:00.000Z'));
    desk = await signIn(t.app, 'desk@example.com');
    const booked = await bookConsultation(
      '2026-11-26T18:00:00.000Z',
      'demo-provider-chen',
      'Bo Unce',
      'bounce@example.org',
    );
    expect(booked.statusCode).toBe(201);
    const before = smtp.inbox.length;
    await t.worker.runDueJobs();
    expect(smtp.inbox.length).toBe(before);
    const failed = (await deliveries(booked.json().id)).find((d) => d.kind === 'confirmation')!;
    expect(failed.status).toBe('failed');
    expect(failed.serverResponse).toMatch(/550/);
  });
});
