// Outcomes report at clinic-group scale: generates patients, plans, sessions, calibrated close-up
// photos, measurements (with clinician corrections and engine-flagged images) and side-effect
// reports, then times each query of the outcomes page and the whole use case. Goal < 500 ms each.
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
import { type Db, openPostgres, openSqlite } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import type { Database } from '../packages/server/src/db/schema';
import { getOutcomes, WINDOWS } from '../packages/server/src/modules/outcomes/get-outcomes';
import {
  effectiveMeasurementsQuery,
  listCohortPlans,
  listEffectiveMeasurements,
  listLastMeasurementAt,
  listSessionStats,
  listSideEffectSeverities,
  listStartedTreatments,
} from '../packages/server/src/modules/outcomes/outcomes.repository';
import { listGlobalChangeAnswers } from '../packages/server/src/modules/outcomes/questionnaires.repository';

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;
const TREATMENTS = ['prp', 'topical-minoxidil', 'oral-minoxidil', 'finasteride', 'microneedling'];
const SCALP_SITES = ['vertex-centre', 'frontal'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    const patients: Rows<'patients'> = [];
    const plans: Rows<'treatment_plans'> = [];
    const sessions: Rows<'treatment_sessions'> = [];
    const photos: Rows<'photos'> = [];
    const measurements: Rows<'measurements'> = [];
    const reports: Rows<'side_effect_reports'> = [];
    for (let p = b; p < Math.min(patientsN, b + BATCH); p++) {
      const id = `bench-pt-${p}`;
      const start = now - Math.floor(rnd() * span);
      const treatment = TREATMENTS[p % TREATMENTS.length]!;
      const provider = providers[Math.floor(rnd() * providers.length)]!;
      patients.push({
        id,
        user_id: null,
        name: `Patient ${p}`,
        email: `p${p}@bench.invalid`,
        phone: null,
        birth_date: null,
        sex: null,
        created_at: start - 30 * DAY,
      });
      const planId = `${id}-plan`;
      plans.push({
        id: planId,
        patient_id: id,
        treatment_slug: treatment,
        sessions_planned: 3,
        interval_weeks: 4,
        maintenance_interval_weeks: null,
        maintenance_note: null,
        goal: 'bench',
        status: 'active',
        created_by: null,
        created_at: start - 7 * DAY,
        updated_at: start,
      });
      for (let s = 0; s < 3; s++) {
        const at = start + s * 28 * DAY;
        if (at > now) break;
        sessions.push({
          id: `${id}-s${s}`,
          patient_id: id,
          plan_id: planId,
          appointment_id: null,
          provider_id: provider.id,
          treatment_slug: treatment,
          performed_at: at,
          products_json: '[]',
          preparation_json: null,
          anaesthesia: null,
          injection_map_json: '[]',
          notes: null,
          status: 'signed',
          signed_at: at,
          signed_by: null,
          post_care_template_id: null,
          created_by: null,
          created_at: at,
          updated_at: at,
        });
      }
      if (rnd() < 0.1) {
        const at = start + 2 * DAY;
        reports.push({
          id: `${id}-se`,
          patient_id: id,
          session_id: `${id}-s0`,
          treatment_slug: treatment,
          symptoms_json: '["redness"]',
          severity: Math.floor(rnd() * 11),
          onset_at: at,
          note: null,
          urgency: 'routine',
          reasons_json: '[]',
          review_due_at: at + DAY,
          follow_up_at: null,
          status: 'open',
          assessment: null,
          outcome: null,
          reviewed_by: null,
          reviewed_at: null,
          reported_by: null,
          created_at: at,
        });
      }
      const base = 80 + rnd() * 80;
      const trend = (rnd() - 0.3) * 2; // hairs/cm² per month
      let made = 0;
      for (let v = 0; made < perPatient; v++) {
        const visitAt = start - 10 * DAY + v * 3 * MONTH + Math.floor((rnd() - 0.5) * 20 * DAY);
        for (const site of SCALP_SITES) {
          if (made >= perPatient) break;
          const mid = `${id}-m${made}`;
          const photoId = `${id}-ph${made}`;
          const calibrated = rnd() > 0.03;
          const ok = rnd() > 0.05;
          const density = Math.max(10, base + trend * v * 3 + (rnd() - 0.5) * 20);
          photos.push({
            id: photoId,
            patient_id: id,
            view: 'trichoscopy',
            site,
            um_per_px: calibrated ? 4 : null,
            taken_at: visitAt,
            image_key: `b/${photoId}`,
            thumb_key: `t/${photoId}`,
            original_key: `o/${photoId}`,
            mime: 'image/png',
            original_mime: 'image/png',
            original_bytes: 1,
            width: 1,
            height: 1,
            analysis_status: 'done',
            analysis_error: null,
            uploaded_by: null,
            created_at: visitAt,
          });
          const auto = {
            id: mid,
            patient_id: id,
            photo_id: photoId,
            site,
            taken_at: visitAt,
            source: 'auto' as const,
            corrects_id: null,
            hair_count: Math.round(density * 0.5),
            density_per_cm2: density,
            mean_diameter_um: 50 + rnd() * 20,
            vellus_ratio: 0.2,
            terminal_ratio: 0.6,
            hair_mass_per_cm2: null,
            area_cm2: 0.5,
            um_per_px: calibrated ? 4 : null,
            quality_json: JSON.stringify({
              ok,
              confidence: 0.8,
              issues: ok ? [] : ['blurred'],
              expectedError: 0.15,
            }),
            engine_version: 'bench',
            reason: null,
            created_by: null,
            created_at: visitAt,
          };
          measurements.push(auto);
          made++;
          if (made < perPatient && rnd() < 0.03) {
            measurements.push({
              ...auto,
              id: `${mid}-c`,
              source: 'corrected',
              corrects_id: mid,
              hair_count: auto.hair_count + 3,
              density_per_cm2: density + 6,
              reason: 'recount',
              created_at: visitAt + DAY,
            });
            made++;
          }
        }
      }
      measurementCount += made;
    }
    await insertChunks(db, 'patients', patients);
    await insertChunks(db, 'treatment_plans', plans);
    await insertChunks(db, 'treatment_sessions', sessions);
    await insertChunks(db, 'side_effect_reports', reports);
    await insertChunks(db, 'photos', photos);
    await insertChunks(db, 'measurements', measurements);
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

async function time<T>(label: string, fn: () => Promise<T>, results: [string, number][]): Promise<T> {
  let out = await fn(); // warm the cache and plan once; the figure is the median of the next runs
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor((times.length - 1) / 2)]!;
  results.push([label, ms]);
  const all = runs > 1 ? `  (${times.map((x) => x.toFixed(0)).join(', ')})` : '';
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms${all}`);
  return out;
}

async function main() {
  const now = Date.now();
  const { db, cleanup, where } = await openTarget();
  try {
    console.log(
      `outcomes bench on ${where}: ${target.toLocaleString('en-US')} measurements, ${patientsN.toLocaleString('en-US')} patients, ${sitesN} sites, ${years} years`,
    );
    await migrateToLatest(db.kysely);
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
    const k = db.kysely;
    const results: [string, number][] = [];
    const slug = 'prp';
    await time('listCohortPlans (one treatment)', () => listCohortPlans(k, slug), results);
    const rows = await time(
      'listEffectiveMeasurements (one treatment)',
      () => listEffectiveMeasurements(k, slug, WINDOWS),
      results,
    );
    await time('listLastMeasurementAt (one treatment)', () => listLastMeasurementAt(k, slug), results);
    await time('listSessionStats (one treatment)', () => listSessionStats(k, slug), results);
    await time('listSideEffectSeverities (one treatment)', () => listSideEffectSeverities(k, slug), results);
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
    console.log(`  (${rows.length.toLocaleString('en-US')} effective measurements of ${slug} patients read)`);
    if (explain) {
      const plan =
        db.dialect === 'postgres'
          ? await sql<{
              'QUERY PLAN': string;
            }>`explain analyze ${effectiveMeasurementsQuery(slug, WINDOWS)}`.execute(k)
          : await sql<{
              detail: string;
            }>`explain query plan ${effectiveMeasurementsQuery(slug, WINDOWS)}`.execute(k);
      console.log('\n  query plan of listEffectiveMeasurements:');
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
