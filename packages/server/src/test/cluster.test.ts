import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../db/migrations';
import { DELETION_REQUEST_JOB } from '../modules/account/deletion-request.job';
import {
  freePort,
  type ServerProcess,
  signInHttp,
  startServer,
  waitReady,
  zoneDatePlus,
} from './cluster-harness';
import { createTestDatabase, DIALECTS, type TestDatabase } from './dialects';

const ZONE = 'America/Los_Angeles';
const LEASE_MS = 1500;
const DELETION_SUBJECT = 'A patient asked for their data to be deleted';

/**
 * A real SMTP server that can hold back its answer to DATA for one subject: the sending server is
 * then "in the middle" of the job. Only messages it acknowledged count as received — a client that
 * dies before the acknowledgement has not delivered anything.
 */
async function startHoldingInbox() {
  const received: { subject: string; messageId: string }[] = [];
  const held: string[] = [];
  let hold: RegExp | null = null;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head =
          Buffer.concat(chunks)
            .toString('utf8')
            .split(/\r?\n\r?\n/)[0] ?? '';
        const subject = /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '';
        const messageId = /^Message-ID: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
        if (hold?.test(subject)) {
          held.push(subject); // never acknowledged: the sender is killed while waiting for us
          return;
        }
        received.push({ subject, messageId });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    held,
    holdSubject(re: RegExp | null) {
      hold = re;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function until<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined | null | false>,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (!DIALECTS.includes('postgres')) {
  console.warn(
    '\n*** Cluster suite (two servers on one PostgreSQL) SKIPPED: no PostgreSQL (see above). ***\n',
  );
}

describe.skipIf(!DIALECTS.includes('postgres'))('two app servers on one PostgreSQL', () => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startHoldingInbox>>;
  let a: ServerProcess;
  let b: ServerProcess;
  const servers = () => [a, b];
  const api = (s: ServerProcess, path: string, init: RequestInit & { cookie?: string } = {}) =>
    fetch(`${s.url}${path}`, {
      ...init,
      headers: {
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  const baseEnv = () => ({
    ANAGEN_DATA_DIR: t.dataDir, // one photo directory both reach, as a shared filesystem would be
    SMTP_URL: smtp.url,
    ANAGEN_SECRET_KEY: 'a'.repeat(64),
    ANAGEN_JOB_LEASE_MS: String(LEASE_MS),
    ANAGEN_JOB_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  });
  const startPair = async (env: Record<string, string>) => {
    const [pa, pb] = [await freePort(), await freePort()];
    const pair = [startServer('server A', pa, env), startServer('server B', pb, env)] as const;
    const started = Date.now();
    await Promise.all(pair.map((s) => waitReady(s, 90_000)));
    console.log(`[cluster] both servers ready in ${Date.now() - started} ms`);
    return pair;
  };
  const sigterm = async (s: ServerProcess) => {
    const started = Date.now();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(s.output()).toMatch(/stopped cleanly/);
  };

  beforeAll(async () => {
    smtp = await startHoldingInbox();
  });

  afterAll(async () => {
    for (const s of [a, b])
      if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await smtp?.close();
    await t?.drop();
  });

  it('migrates once when both start together on an empty database (advisory lock), and stops on SIGTERM', async () => {
    t = await createTestDatabase('postgres');
    [a, b] = await startPair({ ...baseEnv(), DATABASE_URL: t.url!, ANAGEN_DEMO: 'off' });
    const outs = servers().map((s) => s.output());
    expect(
      outs.filter((o) => o.includes(`Applied ${Object.keys(migrations).length} migration(s).`)),
    ).toHaveLength(1);
    expect(outs.filter((o) => o.includes('Schema is up to date.'))).toHaveLength(1);
    const applied = await t.db.kysely
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .execute();
    expect(applied).toHaveLength(Object.keys(migrations).length);
    await Promise.all(servers().map(sigterm));
    await t.drop();
  }, 120_000);

  it('starts both servers on the seeded demo clinic', async () => {
    // The rest runs on a copy of the demo clinic seeded once per test run (seeding analyses images
    // for half a minute on a busy machine); without the template the servers seed it themselves.
    const template = inject('pgTemplate');
    t = await createTestDatabase(
      'postgres',
      template ? { pgDatabase: template.database, filesDir: template.filesDir } : undefined,
    );
    [a, b] = await startPair({ ...baseEnv(), DATABASE_URL: t.url! });
    expect((await api(b, '/api/health')).status).toBe(200);
  }, 120_000);

  it('50 concurrent bookings of one slot spread over both servers: exactly one succeeds', async () => {
    const desks = await Promise.all(servers().map((s) => signInHttp(s.url, 'desk@example.com')));
    const day = zoneDatePlus(ZONE, 10);
    const avail = await api(
      a,
      `/api/availability?type=consultation&from=${day}&to=${zoneDatePlus(ZONE, 17)}`,
    );
    const { slots } = (await avail.json()) as { slots: { start: string; providerId: string }[] };
    const slot = slots[0]!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api(servers()[i % 2]!, '/api/appointments', {
          method: 'POST',
          cookie: desks[i % 2],
          body: JSON.stringify({
            type: 'consultation',
            start: slot.start,
            providerId: slot.providerId,
            patient: { name: `Walk-in ${i}`, email: `walkin${i}@example.com` },
          }),
        }).then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(49);
    const booked = await t.db.kysely
      .selectFrom('appointments')
      .select('id')
      .where('provider_id', '=', slot.providerId)
      .where('start_at', '=', Date.parse(slot.start))
      .where('status', '<>', 'cancelled')
      .execute();
    expect(booked).toHaveLength(1);
  });

  it('a series booked on one server and a single booking on the other never overlap', async () => {
    const [deskA, deskB] = await Promise.all(servers().map((s) => signInHttp(s.url, 'desk@example.com')));
    for (const offset of [21, 35, 49]) {
      const proposal = await api(a, '/api/appointments/series/proposal', {
        method: 'POST',
        cookie: deskA,
        body: JSON.stringify({
          type: 'prp-session',
          firstDate: zoneDatePlus(ZONE, offset),
          count: 3,
          intervalDays: 7,
          toleranceDays: 2,
        }),
      });
      expect(proposal.status).toBe(200);
      const sessions = (
        (await proposal.json()) as { sessions: { slot: { start: string; providerId: string } | null }[] }
      ).sessions.map((s) => ({ start: s.slot!.start, providerId: s.slot!.providerId }));
      const [series, single] = await Promise.all([
        api(a, '/api/appointments/series', {
          method: 'POST',
          cookie: deskA,
          body: JSON.stringify({ type: 'prp-session', patientId: 'demo-patient-2', sessions }),
        }),
        api(b, '/api/appointments', {
          method: 'POST',
          cookie: deskB,
          body: JSON.stringify({
            type: 'prp-session',
            start: sessions[1]!.start,
            providerId: sessions[1]!.providerId,
            patientId: 'demo-patient-1',
          }),
        }),
      ]);
      // Whichever came first wins; the other is refused whole (a series is all or nothing).
      expect([series.status, single.status].sort()).toEqual([201, 409]);
    }
    const rows = await t.db.kysely
      .selectFrom('appointments')
      .select(['provider_id', 'start_at', 'end_at'])
      .where('status', '<>', 'cancelled')
      .orderBy('provider_id')
      .orderBy('start_at')
      .execute();
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1]!;
      const cur = rows[i]!;
      if (prev.provider_id === cur.provider_id)
        expect(Number(cur.start_at)).toBeGreaterThanOrEqual(Number(prev.end_at));
    }
  });

  it('shares sessions and sign-in limits across servers', async () => {
    const cookie = await signInHttp(a.url, 'clinician@example.com');
    expect((await api(b, '/api/auth/me', { cookie })).status).toBe(200);
    expect((await api(b, '/api/auth/logout', { method: 'POST', cookie })).status).toBeLessThan(300);
    expect((await api(a, '/api/auth/me', { cookie })).status).toBe(401);

    // From the 5th consecutive wrong password the account makes each further try wait: the count
    // lives in the database, so failures on either server add up.
    const wrong = (s: ServerProcess) =>
      api(s, '/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'patient2@example.com', password: 'wrong-password' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await wrong(servers()[i % 2]!));
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect(await wrong(a)).toBe(429);
  });

  it('serves a photo uploaded to one server from the other (shared store)', async () => {
    const clinician = await signInHttp(a.url, 'clinician@example.com');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a08070' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('view', 'frontal');
    form.append('image', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'frontal.jpg');
    const up = await fetch(`${a.url}/api/patients/demo-patient-1/photos`, {
      method: 'POST',
      body: form,
      headers: { cookie: clinician },
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const other = await signInHttp(b.url, 'clinician@example.com');
    const img = await api(b, `/api/photos/${id}/image`, { cookie: other });
    expect(img.status).toBe(200);
    expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('runs a mail job once even when the server running it is killed with kill -9 mid-job', async () => {
    smtp.holdSubject(/data to be deleted/);
    const patient = await signInHttp(a.url, 'patient@example.com');
    const req = await api(a, '/api/patients/demo-patient-1/deletion-request', {
      method: 'POST',
      cookie: patient,
      body: '{}',
    });
    expect(req.status).toBe(201);
    // The mail is on the wire and unacknowledged: the job is mid-flight on one of the servers.
    await until('the held deletion-request mail', 15_000, async () => smtp.held.length > 0);
    const job = await t.db.kysely
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', DELETION_REQUEST_JOB)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'running', attempts: 1 });
    const victim = servers().find((s) => job.lease_owner?.includes(`:${s.pid}:`))!;
    const survivor = victim === a ? b : a;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    smtp.holdSubject(null);

    await until('the retried mail', 20_000, async () =>
      smtp.received.some((m) => m.subject === DELETION_SUBJECT),
    );
    await until(
      'the job marked done',
      5000,
      async () =>
        (await t.db.kysely.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst())
          ?.status === 'done',
    );
    const done = await t.db.kysely
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'done', attempts: 2, lease_owner: null });
    const outbox = await t.db.kysely
      .selectFrom('mail_outbox')
      .selectAll()
      .where('idempotency_key', 'like', 'deletion-request:%')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // Give a stray duplicate time to show up, then count: one mail, with the outbox's Message-ID.
    await new Promise((r) => setTimeout(r, LEASE_MS + 500));
    const delivered = smtp.received.filter((m) => m.subject === DELETION_SUBJECT);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(outbox[0]!.message_id);
    const requestRow = await t.db.kysely
      .selectFrom('deletion_requests')
      .select('clinic_notified_at')
      .executeTakeFirstOrThrow();
    expect(requestRow.clinic_notified_at).not.toBeNull();

    // The survivor shuts down cleanly on SIGTERM, well within 10 s.
    await sigterm(survivor);
  });
});
