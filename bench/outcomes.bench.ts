// Outcomes report at clinic-group scale: generates patients, plans, sessions, calibrated close-up
// photos, measurements (with clinician corrections and engine-flagged images) and side-effect
// reports — through the tests' own factory (modules/outcomes/outcomes.factory.ts) — builds the
// outcome summaries (decision 223; timed: the backfill's work), then times each query of the
// outcomes page and the whole use case, also right after a correction. Goal < 500 ms each.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:outcomes            (1,000,000)
//   npm run bench:outcomes                                    (SQLite in a temp dir, 100,000)
//   npm run bench:outcomes -- --measurements 50000 [--patients N] [--sites 20] [--years 5] [--explain]
//
// On PostgreSQL a fresh database is created beside the one in DATABASE_URL and dropped afterwards
// (nothing is written to the database the URL names). Ends with the line
// `outcomes: slowest query <ms> ms over <count> measurements`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { getEvidenceLibrary } from '../content';
import { mulberry32 as seededRandom } from '../packages/core/src/seeded-random';
import { type Db, openPostgres, openSqlite } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import type { Database } from '../packages/server/src/db/schema';
import { insertMeasurement } from '../packages/server/src/modules/measurements/measurements.repository';
import { getOutcomes } from '../packages/server/src/modules/outcomes/get-outcomes';
import {
  anyStaleOutcomePatient,
  listOutcomeSummaries,
} from '../packages/server/src/modules/outcomes/outcome-summaries.repository';
import { refreshOutcomeSummaries } from '../packages/server/src/modules/outcomes/outcome-summaries.service';
import {
  type FactoryMeasurement,
  OUTCOME_TABLES,
  outcomePatientRows,
} from '../packages/server/src/modules/outcomes/outcomes.factory';
import {
  listProviderNames,
  listSideEffectSeverities,
  listStartedTreatments,
} from '../packages/server/src/modules/outcomes/outcomes.repository';
import { listGlobalChangeAnswers } from '../packages/server/src/modules/outcomes/questionnaires.repository';
import { arg } from './args';

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;
const TREATMENTS = ['prp', 'topical-minoxidil', 'oral-minoxidil', 'finasteride', 'microneedling'];
const SCALP_SITES = ['vertex-centre', 'frontal'];

const url = process.env.DATABASE_URL;
const isPg = !!url && /^postgres(ql)?:\/\//.test(url);
const target = Number(arg('measurements') ?? (isPg ? 1_000_000 : 100_000));
const patientsN = Number(arg('patients') ?? Math.max(1, Math.round(target / 20)));
const sitesN = Number(arg('sites') ?? 20);
const years = Number(arg('years') ?? 5);
const explain = process.argv.includes('--explain');
// --db NAME: a PostgreSQL database of that name, kept afterwards and reused when it already holds
// the generated data, so baseline and changed queries can be timed on the same rows (SQLite: give a
// file path as DATABASE_URL for the same effect).
const keepDb = arg('db');
const runs = Number(arg('runs') ?? 1);

async function openTarget(): Promise<{ db: Db; cleanup(): Promise<void>; where: string }> {
  if (isPg) {
    const name = keepDb ?? `anagen_bench_outcomes_${process.pid}`;
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--db: lower-case letters, digits and _ only`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!keepDb) await admin.query(`drop database if exists ${name}`);
    if (!keepDb || !exists) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${name}`;
    const db = openPostgres(u.toString(), 4);
    return {
      db,
      where: `PostgreSQL (${name})`,
      cleanup: async () => {
        await db.destroy();
        if (keepDb) return;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name}`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-bench-outcomes-'));
  const file = url && !url.includes('://') ? url : path.join(dir, 'anagen.db');
  const db = openSqlite(file);
  return {
    db,
    where: `SQLite (${file})`,
    cleanup: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Rows<T extends keyof Database> = Database[T][];

async function insertChunks<T extends keyof Database>(db: Db, table: T, rows: Rows<T>): Promise<void> {
  // Multi-row INSERTs within the parameter limits of both dialects (SQLite 32,766; PostgreSQL 65,535).
  const cols = rows.length ? Object.keys(rows[0] as object).length : 1;
  const size = Math.max(1, Math.floor((db.dialect === 'postgres' ? 60_000 : 30_000) / cols));
  for (let i = 0; i < rows.length; i += size) {
    await db.kysely
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * Planner statistics, and on PostgreSQL the visibility map: a bulk load leaves every page "not known
 * all-visible", so index-only scans would still visit the heap until autovacuum (which a live clinic
 * database has long had) catches up. VACUUM ANALYZE gives the state a server is normally in.
 */
async function refreshStatistics(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
  else await sql`analyze`.execute(db.kysely);
}

async function generate(db: Db, now: number): Promise<number> {
  const rnd = seededRandom(2026);
  const k = db.kysely;
  const t0 = performance.now();
  await k
    .insertInto('clinics')
    .values({
      id: 'bench-clinic',
      name: 'Bench Clinic Group',
      phone: '+1 555 0100',
      email: 'group@bench.invalid',
      website: null,
      address: null,
      settings_json: '{}',
    })
    .execute();
  const locations = Array.from({ length: sitesN }, (_, i) => ({
    id: `bench-loc-${i}`,
    clinic_id: 'bench-clinic',
    name: `Site ${i + 1}`,
    time_zone: 'America/Los_Angeles',
    address: null,
  }));
  await insertChunks(db, 'locations', locations);
  const providers = locations.flatMap((l, i) =>
    [0, 1].map((j) => ({
      id: `bench-prov-${i}-${j}`,
      user_id: null,
      location_id: l.id,
      name: `Provider ${i + 1}.${j + 1}`,
      credentials: null,
      bio: null,
      active: 1,
      photo_key: null,
    })),
  );
  await insertChunks(db, 'providers', providers);
  const perPatient = Math.max(1, Math.floor(target / patientsN));
  let measurementCount = 0;
  const span = years * 365 * DAY;
  const BATCH = 2000; // patients per write batch, to keep memory flat
  for (let b = 0; b < patientsN; b += BATCH) {
    const batch = Object.fromEntries(OUTCOME_TABLES.map((t) => [t, [] as unknown[]])) as Record<
      (typeof OUTCOME_TABLES)[number],
      unknown[]
    >;
    for (let p = b; p < Math.min(patientsN, b + BATCH); p++) {
      const start = now - Math.floor(rnd() * span);
      const provider = providers[Math.floor(rnd() * providers.length)]!;
      // Up to three sessions four weeks apart, none in the future.
      const sessionDays = [0, 28, 56].filter((d) => start + d * DAY <= now);
      const sideEffectSeverities = rnd() < 0.1 ? [Math.floor(rnd() * 11)] : [];
      const base = 80 + rnd() * 80;
      const trend = (rnd() - 0.3) * 2; // hairs/cm² per month
      // A visit every ~3 months from 10 days before the start, both close-up sites; 3 % of the
      // automatic rows get a clinician's correction (a row of its own), 3 % are uncalibrated, 5 % flagged.
      const measurements: FactoryMeasurement[] = [];
      let made = 0;
      for (let v = 0; made < perPatient; v++) {
        const visitDay = -10 + (v * 3 * MONTH) / DAY + Math.floor((rnd() - 0.5) * 20);
        for (const site of SCALP_SITES) {
          if (made >= perPatient) break;
          const standardized = rnd() > 0.03;
          const qualityOk = rnd() > 0.05;
          const density = Math.max(10, base + trend * v * 3 + (rnd() - 0.5) * 20);
          const hairCount = Math.round(density * 0.5);
          made++;
          const corrected = made < perPatient && rnd() < 0.03;
          if (corrected) made++;
          measurements.push({
            day: visitDay,
            site,
            hairCount,
            densityPerCm2: density,
            areaCm2: 0.5,
            diameterUm: 50 + rnd() * 20,
            standardized,
            qualityOk,
            expectedError: 0.15,
            correction: corrected ? { hairCount: hairCount + 3, densityPerCm2: density + 6 } : undefined,
          });
        }
      }
      const rows = outcomePatientRows({
        id: `bench-pt-${p}`,
        treatment: TREATMENTS[p % TREATMENTS.length]!,
        startAt: start,
        providerId: provider.id,
        sessionDays,
        measurements,
        sideEffectSeverities,
      });
      for (const t of OUTCOME_TABLES) batch[t].push(...rows[t]);
      measurementCount += rows.measurements.length;
    }
    for (const t of OUTCOME_TABLES) await insertChunks(db, t, batch[t] as Rows<typeof t>);
    if ((b / BATCH) % 5 === 0) {
      const done = Math.min(patientsN, b + BATCH);
      process.stdout.write(
        `\r  generated ${done.toLocaleString('en-US')} / ${patientsN.toLocaleString('en-US')} patients`,
      );
    }
  }
  await refreshStatistics(db);
  console.log(
    `\n  ${measurementCount.toLocaleString('en-US')} measurements in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return measurementCount;
}

// CPU time, which a busy machine does not inflate the way it inflates wall time: this process
// (parsing the rows, the statistics) plus, on a PostgreSQL server on this host, the backends
// serving the bench's database (read from /proc; 0 when not readable).
let benchDb: Db | undefined;
async function cpuMs(): Promise<number> {
  const self = process.cpuUsage();
  let server = 0;
  if (benchDb?.dialect === 'postgres') {
    const pids = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()`.execute(benchDb.kysely);
    const tick = 1000 / 100; // USER_HZ
    for (const { pid } of pids.rows) {
      try {
        const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        server += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
      } catch {
        // not this host's process, or not readable: wall time only
      }
    }
  }
  return (self.user + self.system) / 1000 + server;
}

async function time<T>(label: string, fn: () => Promise<T>, results: [string, number][]): Promise<T> {
  let out = await fn(); // warm the cache and plan once; the figure is the median of the next runs
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = await cpuMs();
    const t = performance.now();
    out = await fn();
    times.push(performance.now() - t);
    cpu.push((await cpuMs()) - c);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const ms = median(times);
  results.push([label, ms]);
  const all = runs > 1 ? `  (${times.map((x) => x.toFixed(0)).join(', ')})` : '';
  console.log(
    `  ${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  cpu ${median(cpu).toFixed(0).padStart(5)} ms${all}`,
  );
  return out;
}

class RolledBack extends Error {}

async function main() {
  const now = Date.now();
  const { db, cleanup, where } = await openTarget();
  benchDb = db;
  try {
    console.log(
      `outcomes bench on ${where}: ${target.toLocaleString('en-US')} measurements, ${patientsN.toLocaleString('en-US')} patients, ${sitesN} sites, ${years} years`,
    );
    // On a database generated before decision 223 this migration builds every summary (backfill).
    const m0 = performance.now();
    const applied = await migrateToLatest(db.kysely);
    if (applied.length)
      console.log(`  migrations ${applied.join(', ')}: ${((performance.now() - m0) / 1000).toFixed(1)} s`);
    const existing = Number(
      (
        await db.kysely
          .selectFrom('measurements')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const count = existing > 0 ? existing : await generate(db, now);
    if (existing > 0) {
      console.log(`  reusing ${existing.toLocaleString('en-US')} measurements already generated`);
      await refreshStatistics(db);
    }
    // Every generated row marked its patient: building all summaries is the backfill's work.
    const b0 = performance.now();
    const c0 = await cpuMs();
    const rebuilt = await refreshOutcomeSummaries(db.kysely);
    if (rebuilt) {
      console.log(
        `  summaries of ${rebuilt.toLocaleString('en-US')} patients built in ${((performance.now() - b0) / 1000).toFixed(1)} s (cpu ${(((await cpuMs()) - c0) / 1000).toFixed(1)} s)`,
      );
      await refreshStatistics(db);
    }
    const k = db.kysely;
    const results: [string, number][] = [];
    const slug = 'prp';
    await time('anyStaleOutcomePatient (before every page)', () => anyStaleOutcomePatient(k), results);
    const rows = await time(
      'listOutcomeSummaries (one treatment)',
      () => listOutcomeSummaries(k, slug, ''),
      results,
    );
    await time(
      'listOutcomeSummaries (one treatment, one site)',
      () => listOutcomeSummaries(k, slug, 'frontal'),
      results,
    );
    await time('listSideEffectSeverities (one treatment)', () => listSideEffectSeverities(k, slug), results);
    await time('listProviderNames', () => listProviderNames(k), results);
    await time('listStartedTreatments', () => listStartedTreatments(k), results);
    await time('listGlobalChangeAnswers (one treatment)', () => listGlobalChangeAnswers(k, slug), results);
    const deps = { db: k, clock: { now: () => now }, library: getEvidenceLibrary() };
    const actor = { userId: 'bench', role: 'admin' as const, name: 'Bench' };
    await time(
      'getOutcomes: whole page (queries + statistics)',
      () => getOutcomes(deps, actor, { treatment: slug }),
      results,
    );
    await time(
      'getOutcomes: one provider',
      () => getOutcomes(deps, actor, { treatment: slug, providerId: 'bench-prov-0-0' }),
      results,
    );
    const from = new Date(now - 2 * 365 * DAY).toISOString().slice(0, 10);
    await time(
      'getOutcomes: plans started in the last 2 years',
      () => getOutcomes(deps, actor, { treatment: slug, from }),
      results,
    );
    await time(
      'getOutcomes: one site',
      () => getOutcomes(deps, actor, { treatment: slug, site: 'frontal' }),
      results,
    );
    // A clinician's correction, then the page: the page rebuilds that patient's summaries first.
    // In a transaction rolled back afterwards, so the generated data stay as they were.
    const auto = await k
      .selectFrom('measurements')
      .selectAll()
      .where('patient_id', '=', 'bench-pt-0')
      .where('source', '=', 'auto')
      .orderBy('taken_at')
      .executeTakeFirstOrThrow();
    let corrections = 0;
    await time(
      'getOutcomes: after one correction (rebuilds 1 patient)',
      () =>
        k
          .transaction()
          .execute(async (trx) => {
            await insertMeasurement(trx, {
              ...auto,
              id: `bench-correction-${++corrections}`,
              source: 'corrected',
              corrects_id: auto.id,
              hair_count: Number(auto.hair_count) + 5,
              density_per_cm2: Number(auto.density_per_cm2) + 10,
              created_at: now,
            });
            await getOutcomes({ ...deps, db: trx }, actor, { treatment: slug });
            throw new RolledBack();
          })
          .catch((e: unknown) => {
            if (!(e instanceof RolledBack)) throw e;
          }),
      results,
    );
    console.log(`  (${rows.length.toLocaleString('en-US')} ${slug} patients' summaries read)`);
    if (explain) {
      const plan =
        db.dialect === 'postgres'
          ? await sql<{
              'QUERY PLAN': string;
            }>`explain analyze select * from outcome_summaries where treatment_slug = ${slug} and site = ''`.execute(
              k,
            )
          : await sql<{
              detail: string;
            }>`explain query plan select * from outcome_summaries where treatment_slug = ${slug} and site = ''`.execute(
              k,
            );
      console.log('\n  query plan of listOutcomeSummaries:');
      for (const r of plan.rows) console.log(`    ${Object.values(r).join(' | ')}`);
    }
    const slowest = Math.max(...results.filter(([l]) => !l.startsWith('getOutcomes')).map(([, ms]) => ms));
    const page = Math.max(...results.filter(([l]) => l.startsWith('getOutcomes')).map(([, ms]) => ms));
    console.log(`  whole-page calls: slowest ${page.toFixed(0)} ms (goal < 500 ms per query)`);
    console.log(`outcomes: slowest query ${slowest.toFixed(0)} ms over ${count} measurements`);
    if (slowest >= 500) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
