// HTTP benchmark of the booking engine against the real server (ANAGEN_RATE_LIMITS=off):
// - GET /api/health vs GET /api/availability (consultation; 1 day and 30 days) in requests/s, same run,
//   on SQLite with 5 providers and 2,000 existing appointments; goals: ratios ≥ 0.20 and ≥ 0.03;
// - POST /api/appointments throughput on SQLite (goal ≥ 500/s) and PostgreSQL, every slot requested
//   twice at once, then the number of double bookings found in the database (must be 0).
// Mail goes to a local SMTP sink (as in production, not the dev outbox). Bounded: a few seconds per
// measurement, a fixed number of concurrent keep-alive requests, loopback only.
// Run: npm run bench:availability
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { mulberry32 as seededRandom } from '../packages/core/src/seeded-random';
import { type Db, openPostgres, openSqlite } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import type { AppointmentTable } from '../packages/server/src/db/schema';
import { seedDemo } from '../packages/server/src/modules/demo/seed-demo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 86_400_000;
const MIN = 60_000;
const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PG_URL = process.env.ANAGEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TZ = 'America/Los_Angeles';

/** Clinic-local `YYYY-MM-DD` of an instant. */
function localDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(ms);
}

/** 5 providers (the demo's 3 plus 2) for consultations, and 2,000 booked appointments over 60 days. */
async function loadBenchData(db: Db, now: number): Promise<void> {
  const k = db.kysely;
  await seedDemo({ db: k, now });
  for (const id of ['bench-provider-4', 'bench-provider-5']) {
    await k
      .insertInto('providers')
      .values({
        id,
        user_id: null,
        location_id: 'demo-location',
        name: id,
        credentials: null,
        bio: null,
        active: 1,
      })
      .execute();
    for (const weekday of [1, 2, 3, 4, 5]) {
      await k
        .insertInto('provider_hours')
        .values({
          id: `${id}-${weekday}`,
          provider_id: id,
          location_id: 'demo-location',
          weekday,
          start_time: '08:00',
          end_time: '17:00',
        })
        .execute();
    }
    await k
      .insertInto('appointment_type_providers')
      .values({ type_id: 'demo-type-consultation', provider_id: id })
      .execute();
  }
  const providers = [
    'demo-provider-morgan',
    'demo-provider-okafor',
    'demo-provider-chen',
    'bench-provider-4',
    'bench-provider-5',
  ];
  const rnd = seededRandom(2026);
  const taken = new Set<string>();
  // The demo clinic already has appointments of its own; the bench's raw inserts must not overlap
  // them, or the double-booking count below would report the bench's own setup.
  const existing = await k
    .selectFrom('appointments')
    .select(['provider_id', 'busy_start_at', 'busy_end_at'])
    .where('status', '<>', 'cancelled')
    .execute();
  const overlapsExisting = (provider: string, start: number, end: number) =>
    existing.some(
      (e) => e.provider_id === provider && Number(e.busy_start_at) < end && start < Number(e.busy_end_at),
    );
  const rows: AppointmentTable[] = [];
  // Appointments land on half-hour marks 08:00–17:30 UTC-shifted local days; non-overlapping per provider.
  const firstDay = Math.floor(now / DAY) * DAY + DAY;
  while (rows.length < 2000) {
    const provider = providers[Math.floor(rnd() * providers.length)]!;
    const day = firstDay + Math.floor(rnd() * 60) * DAY;
    const start = day + 16 * 3_600_000 + Math.floor(rnd() * 18) * 30 * MIN; // 08:00–16:30 PST
    const key = `${provider}:${start}`;
    if (taken.has(key) || overlapsExisting(provider, start, start + 30 * MIN)) continue;
    taken.add(key);
    const id = `bench-appt-${rows.length}`;
    rows.push({
      id,
      type_id: 'demo-type-consultation',
      provider_id: provider,
      location_id: 'demo-location',
      patient_id: 'demo-patient-1',
      start_at: start,
      end_at: start + 30 * MIN,
      busy_start_at: start,
      busy_end_at: start + 30 * MIN,
      status: 'booked' as const,
      notes: null,
      manage_token_hash: null,
      ical_uid: `${id}@anagen`,
      ical_sequence: 0,
      series_id: null,
      patient_confirmed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += 200)
    await k
      .insertInto('appointments')
      .values(rows.slice(i, i + 200))
      .execute();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ANAGEN_RATE_LIMITS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Requests/s of repeated GETs with CONCURRENCY requests in flight for SECONDS (keep-alive fetch). */
async function measureGet(url: string): Promise<number> {
  let done = 0;
  let failed = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.ok) done++;
        else failed++;
      }
    }),
  );
  if (failed) throw new Error(`${failed} failed requests to ${url}`);
  return done / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Free consultation slots in a window that do not overlap each other (per provider). */
async function disjointSlots(url: string, from: string, to: string, limit: number) {
  const av = (await (
    await fetch(`${url}/api/availability?type=consultation&from=${from}&to=${to}`)
  ).json()) as {
    slots: { start: string; end: string; providerId: string }[];
  };
  const freeFrom = new Map<string, number>();
  const out: { start: string; providerId: string }[] = [];
  for (const s of av.slots) {
    if (Date.parse(s.start) < (freeFrom.get(s.providerId) ?? 0)) continue;
    freeFrom.set(s.providerId, Date.parse(s.end));
    out.push({ start: s.start, providerId: s.providerId });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * POSTs one guest booking per queued slot, CONCURRENCY requests in flight; `copies` requests per
 * slot (2 = every slot contended, so exactly half must be refused). Returns created/s and the tally.
 */
async function measureBookings(url: string, slots: { start: string; providerId: string }[], copies: number) {
  const queue = slots.flatMap((s, i) =>
    Array.from({ length: copies }, (_, copy) => ({
      ...s,
      email: `bench-${copies}-${i}-${copy}@example.org`,
    })),
  );
  const tally: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queue.length) {
        const q = queue[next++]!;
        const res = await fetch(`${url}/api/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'consultation',
            start: q.start,
            providerId: q.providerId,
            patient: { name: 'Bench Guest', email: q.email },
          }),
        });
        await res.arrayBuffer();
        tally[res.status] = (tally[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    created: tally[201] ?? 0,
    tally,
    perSecond: (tally[201] ?? 0) / seconds,
    requestsPerSecond: queue.length / seconds,
  };
}

/** Distinct slots for throughput, then contended slots (×2) for the double-booking check. */
async function bookingRun(url: string, now: number, db: () => Promise<Db>, label: string, goal?: number) {
  const slots = await disjointSlots(url, localDate(now + 31 * DAY), localDate(now + 92 * DAY), 3000);
  const free = slots.slice(0, Math.floor(slots.length * 0.7));
  const contended = slots.slice(free.length);
  const a = await measureBookings(url, free, 1);
  const b = await measureBookings(url, contended, 2);
  const handle = await db();
  const doubles = await countDoubleBookings(handle);
  await handle.destroy();
  const ok = a.created === free.length && b.created === contended.length && doubles === 0;
  const goalText = goal ? ` (goal ≥ ${goal}: ${a.perSecond >= goal ? 'met' : 'NOT met'})` : '';
  return {
    ok,
    lines: [
      `  POST /api/appointments (${label})`.padEnd(40) +
        `${a.perSecond.toFixed(0).padStart(7)} bookings/s${goalText}; ${free.length} distinct slots → ${JSON.stringify(a.tally)}`,
      `    contended: ${contended.length} slots × 2 concurrent requests → ${JSON.stringify(b.tally)} at ${b.requestsPerSecond.toFixed(0)} req/s; double bookings in the database: ${doubles}`,
    ],
  };
}

/** Pairs of live appointments of one provider whose busy spans overlap. */
async function countDoubleBookings(db: Db): Promise<number> {
  const rows = await db.kysely
    .selectFrom('appointments as a')
    .innerJoin('appointments as b', (j) =>
      j
        .onRef('a.provider_id', '=', 'b.provider_id')
        .onRef('a.id', '<', 'b.id')
        .onRef('a.busy_start_at', '<', 'b.busy_end_at')
        .onRef('b.busy_start_at', '<', 'a.busy_end_at'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.status', '<>', 'cancelled')
    .where('b.status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

/** A local SMTP sink (as production would have a mail server), counting what arrives. */
async function startSmtpSink(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true&pool=true`,
    received: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function main(): Promise<void> {
  const now = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-bench-'));
  const results: string[] = [];
  let failed = false;
  const smtp = await startSmtpSink();
  try {
    const sqlite = openSqlite(path.join(dataDir, 'anagen.db'));
    await migrateToLatest(sqlite.kysely);
    await loadBenchData(sqlite, now);
    await sqlite.destroy();
    const server = await startServer({ ANAGEN_DATA_DIR: dataDir, SMTP_URL: smtp.url });
    try {
      // A weekday a week ahead (all 5 providers work) and 30 days from tomorrow.
      let day = now + 7 * DAY;
      while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
      const one = localDate(day);
      const from = localDate(now + DAY);
      const to = localDate(now + 30 * DAY);
      const urls = {
        health: `${server.url}/api/health`,
        day: `${server.url}/api/availability?type=consultation&from=${one}&to=${one}`,
        month: `${server.url}/api/availability?type=consultation&from=${from}&to=${to}`,
      };
      const monthBody = (await (await fetch(urls.month)).json()) as { slots: unknown[] };
      for (const u of Object.values(urls)) await measureGet(u); // warm-up (JIT, caches)
      // Each round measures health right before each availability call, so a ratio compares two
      // measurements a few seconds apart (this machine is shared; absolute figures drift).
      const rps = { health: [] as number[], day: [] as number[], month: [] as number[] };
      const ratios = { day: [] as number[], month: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const key of ['day', 'month'] as const) {
          const hr = await measureGet(urls.health);
          const ar = await measureGet(urls[key]);
          rps.health.push(hr);
          rps[key].push(ar);
          ratios[key].push(ar / hr);
        }
      }
      const h = median(rps.health);
      const d = median(rps.day);
      const m = median(rps.month);
      const rd = median(ratios.day);
      const rm = median(ratios.month);
      results.push(
        `SQLite, 5 providers, 2,000 appointments; ${CONCURRENCY} concurrent keep-alive requests, ${SECONDS} s per measurement, ${ROUNDS} rounds; medians (ratio = median of paired rounds):`,
        `  GET /api/health                      ${h.toFixed(0).padStart(7)} req/s`,
        `  GET /api/availability 1 day          ${d.toFixed(0).padStart(7)} req/s   ratio ${rd.toFixed(3)} (goal ≥ 0.20: ${rd >= 0.2 ? 'met' : 'NOT met'}; rounds ${ratios.day.map((x) => x.toFixed(2)).join(' ')})`,
        `  GET /api/availability 30 days        ${m.toFixed(0).padStart(7)} req/s   ratio ${rm.toFixed(3)} (goal ≥ 0.03: ${rm >= 0.03 ? 'met' : 'NOT met'}; rounds ${ratios.month.map((x) => x.toFixed(3)).join(' ')})  [${monthBody.slots.length} slots per response]`,
      );
      if (rd < 0.2 || rm < 0.03) failed = true;

      const run = await bookingRun(
        server.url,
        now,
        async () => openSqlite(path.join(dataDir, 'anagen.db')),
        'SQLite',
        500,
      );
      results.push(...run.lines);
      if (!run.ok) failed = true;
    } finally {
      await server.stop();
    }

    if (await postgresReachable()) {
      const name = `anagen_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      try {
        const pgDb = openPostgres(url.toString());
        await migrateToLatest(pgDb.kysely);
        await loadBenchData(pgDb, now);
        const server = await startServer({
          ANAGEN_DATA_DIR: dataDir,
          DATABASE_URL: url.toString(),
          SMTP_URL: smtp.url,
        });
        try {
          const run = await bookingRun(
            server.url,
            now,
            async () => openPostgres(url.toString()),
            'PostgreSQL',
          );
          results.push(...run.lines);
          if (!run.ok) failed = true;
        } finally {
          await server.stop();
          await pgDb.destroy();
        }
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    } else {
      results.push(
        `  POST /api/appointments (PostgreSQL)  SKIPPED: no server at ${PG_URL} (set ANAGEN_TEST_PG_URL)`,
      );
    }
    results.push(`  confirmation mails received by the local SMTP sink during the runs: ${smtp.received()}`);
  } finally {
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nBooking engine over HTTP\n${results.join('\n')}\n`);
  if (failed) process.exitCode = 1;
}

await main();
