// Booking throughput with one vs two app servers on one PostgreSQL, in the same run (issue 24).
// Two real server processes (the compiled build when `npm run build` has made one, else tsx) share
// one fresh database; guest bookings of distinct free slots are POSTed with CONCURRENCY requests in
// flight, for SECONDS per phase: "one" sends everything to server A, "two" alternates A and B. Phases
// alternate over ROUNDS so drift on a shared machine hits both; the median of each is reported with
// their ratio, and the database is checked for double bookings at the end (must be 0).
// Run: npm run bench:cluster   (BENCH_SECONDS, BENCH_ROUNDS, ANAGEN_TEST_PG_URL to adjust)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { openPostgres } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { seedDemo } from '../packages/server/src/modules/demo/seed-demo';
import { freePort, zoneDatePlus } from '../packages/server/src/test/cluster-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.ANAGEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 16;
const TZ = 'America/Los_Angeles';
const BUILT = path.join(ROOT, 'packages/server/dist/main.js');

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const args = fs.existsSync(BUILT) ? [BUILT] : ['--import', 'tsx', 'packages/server/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health/ready`)).ok) return { url, child };
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error(`server not ready within 90 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** Free consultation slots that do not overlap each other, over `days` days from `fromDays` ahead. */
async function freeSlots(url: string, fromDays: number, days: number) {
  const out: { start: string; providerId: string }[] = [];
  for (let d = fromDays; d < fromDays + days; d += 60) {
    const res = await fetch(
      `${url}/api/availability?type=consultation&from=${zoneDatePlus(TZ, d)}&to=${zoneDatePlus(TZ, d + 59)}`,
    );
    const { slots } = (await res.json()) as { slots: { start: string; end: string; providerId: string }[] };
    const freeFrom = new Map<string, number>();
    for (const s of slots) {
      if (Date.parse(s.start) < (freeFrom.get(s.providerId) ?? 0)) continue;
      freeFrom.set(s.providerId, Date.parse(s.end));
      out.push({ start: s.start, providerId: s.providerId });
    }
  }
  return out;
}

/** Bookings/s over SECONDS, taking slots from `queue`, spreading requests over `servers`. */
async function measure(servers: Server[], queue: { start: string; providerId: string }[]) {
  const tally: Record<number, number> = {};
  let sent = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < end && queue.length > 0) {
        const slot = queue.shift()!;
        const server = servers[(worker + sent++) % servers.length]!;
        const res = await fetch(`${server.url}/api/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'consultation',
            start: slot.start,
            providerId: slot.providerId,
            patient: { name: 'Bench Guest', email: `bench-${randomBytes(5).toString('hex')}@example.org` },
          }),
        });
        await res.arrayBuffer();
        tally[res.status] = (tally[res.status] ?? 0) + 1;
      }
    }),
  );
  if (queue.length === 0) console.warn('  (ran out of free slots before the phase ended)');
  return { perSecond: (tally[201] ?? 0) / ((performance.now() - started) / 1000), tally };
}

/** GET /api/health requests/s on one server for one second: how busy the machine is right now. */
async function healthRate(server: Server): Promise<number> {
  let done = 0;
  const end = performance.now() + 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        done++;
      }
    }),
  );
  return done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const name = `anagen_bench_cluster_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-bench-cluster-'));
  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => {});
      stream.on('end', () => cb());
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  const servers: Server[] = [];
  try {
    const db = openPostgres(url.toString(), 2);
    await migrateToLatest(db.kysely);
    await seedDemo({ db: db.kysely, now: Date.now() }); // no photo store: no image analysis to wait for
    await db.destroy();
    const env = {
      DATABASE_URL: url.toString(),
      ANAGEN_DATA_DIR: dataDir,
      ANAGEN_RATE_LIMITS: 'off',
      ANAGEN_SECRET_KEY: 'b'.repeat(64),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const queue = await freeSlots(servers[0]!.url, 7, 180);
    const one: number[] = [];
    const two: number[] = [];
    const health = [await healthRate(servers[0]!)];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const);
      for (const phase of order) {
        const m = await measure(phase === 'one' ? [servers[0]!] : servers, queue);
        (phase === 'one' ? one : two).push(m.perSecond);
        console.log(
          `  round ${r + 1}, ${phase} server(s): ${m.perSecond.toFixed(0)} bookings/s ${JSON.stringify(m.tally)}`,
        );
      }
    }
    health.push(await healthRate(servers[0]!));
    const check = openPostgres(url.toString(), 1);
    const doubles = await check.kysely
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
    const version = (await admin.query('show server_version')).rows[0].server_version as string;
    await check.destroy();
    const [m1, m2] = [median(one), median(two)];
    console.log(
      [
        '',
        `Booking throughput on PostgreSQL ${version}, ${CONCURRENCY} requests in flight, ${SECONDS} s × ${ROUNDS} rounds per setup`,
        `  one server : median ${m1.toFixed(0)} bookings/s`,
        `  two servers: median ${m2.toFixed(0)} bookings/s`,
        `  ratio two/one: ${(m2 / m1).toFixed(2)}`,
        `  double bookings in the database: ${Number(doubles.n)}`,
        `  reference: GET /api/health on one server ${health.map((h) => h.toFixed(0)).join(' / ')} req/s (before / after)`,
        `Measured on: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(
            ' ',
          )}, Node ${process.version}, servers ${fs.existsSync(BUILT) ? 'compiled (dist/main.js)' : 'from source (tsx)'}; PostgreSQL and both servers on this one machine.`,
      ].join('\n'),
    );
    if (Number(doubles.n) !== 0) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map(stopServer));
    await new Promise<void>((r) => smtp.close(() => r()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
