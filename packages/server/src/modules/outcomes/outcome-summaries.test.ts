import type { Actor } from '@anagen/core/access';
import type { OutcomesQuery } from '@anagen/core/contracts';
import {
  computeOutcomes,
  type OutcomeMeasurement,
  type OutcomePatient,
  sideEffectRates,
} from '@anagen/core/outcomes';
import { mulberry32 as seededRandom } from '@anagen/core/seeded-random';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import type { Database } from '../../db/schema';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { resolveRange } from '../audit/audit-log.service';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { correctMeasurement } from '../measurements/correct-measurement';
import { recordPhotoAnalysis } from '../measurements/record-analysis';
import { moveAndDeletePatient } from '../patients/merge.repository';
import { deletePhoto } from '../photos/delete-photo';
import { findPhotoRow, insertPhoto } from '../photos/photos.repository';
import { updatePlan } from '../plans/plans.repository';
import { getOutcomes } from './get-outcomes';
import { claimStaleOutcomePatients, listOutcomeSummaries } from './outcome-summaries.repository';
import { decodeOutcome, encodeOutcome, toOutcomeMeasurement } from './outcome-summaries.service';
import { OUTCOME_TABLES, type OutcomePatientRows, outcomePatientRows } from './outcomes.factory';
import {
  listCohortPlans,
  listEffectiveMeasurements,
  listLastMeasurementAt,
  listSessionStats,
  listSideEffectSeverities,
  WINDOWS,
} from './outcomes.repository';

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;
const MORGAN = 'demo-provider-morgan';
const CHEN = 'demo-provider-chen';
const TREATMENTS = ['prp', 'finasteride', 'oral-minoxidil'];
const ADMIN: Actor = { userId: 'demo-user-admin', role: 'admin', name: 'Alex Admin' };

/**
 * The outcomes page as it was computed before the summaries (decision 222's code, kept verbatim
 * but for names): the cohort's plans, windowed measurements, sessions and latest measurement read
 * for one treatment, then computeOutcomes over every patient.
 */
async function referenceOutcomes(db: Kysely<Database>, input: OutcomesQuery, now: number) {
  const range = input.from || input.to ? resolveRange(await clinicTimeZone(db), input.from, input.to) : {};
  const [plans, rows, lastMeasured, sessions, severities] = await Promise.all([
    listCohortPlans(db, input.treatment),
    listEffectiveMeasurements(db, input.treatment, WINDOWS),
    listLastMeasurementAt(db, input.treatment),
    listSessionStats(db, input.treatment),
    listSideEffectSeverities(db, input.treatment),
  ]);
  const firstPlan = new Map<string, { startAt: number; providerId: string | null }>();
  for (const p of plans) {
    const startAt = Number(p.first_session_at ?? p.created_at);
    const prev = firstPlan.get(p.patient_id);
    if (!prev || startAt < prev.startAt) firstPlan.set(p.patient_id, { startAt, providerId: p.provider_id });
  }
  const byPatient = new Map<string, OutcomeMeasurement[]>();
  for (const r of rows) {
    if (input.site && r.site !== input.site) continue;
    const list = byPatient.get(r.patient_id) ?? [];
    list.push(toOutcomeMeasurement(r));
    byPatient.set(r.patient_id, list);
  }
  const sessionsBy = new Map(sessions.map((s) => [s.patient_id, s]));
  const lastMeasuredBy = new Map(
    lastMeasured.map((r) => [r.patient_id, r.last_at === null ? null : Number(r.last_at)]),
  );
  const selected: (OutcomePatient & { providerId: string | null })[] = [];
  for (const [patientId, plan] of firstPlan) {
    if (range.fromMs !== undefined && plan.startAt < range.fromMs) continue;
    if (range.toMs !== undefined && plan.startAt >= range.toMs) continue;
    if (input.providerId && plan.providerId !== input.providerId) continue;
    const lastSession = sessionsBy.get(patientId)?.last_at;
    const lastMeasurementAt = lastMeasuredBy.get(patientId) ?? null;
    const contacts = [
      ...(lastSession === null || lastSession === undefined ? [] : [Number(lastSession)]),
      ...(lastMeasurementAt === null ? [] : [lastMeasurementAt]),
    ];
    selected.push({
      patientId,
      startAt: plan.startAt,
      providerId: plan.providerId,
      lastContactAt: contacts.length ? Math.max(...contacts) : null,
      lastMeasurementAt,
      measurements: byPatient.get(patientId) ?? [],
    });
  }
  const ids = new Set(selected.map((p) => p.patientId));
  const sessionCount = selected.reduce(
    (sum, p) => sum + Number(sessionsBy.get(p.patientId)?.treatment_sessions ?? 0),
    0,
  );
  const groups = new Map<string, OutcomePatient[]>();
  for (const p of selected) {
    if (!p.providerId) continue;
    groups.set(p.providerId, [...(groups.get(p.providerId) ?? []), p]);
  }
  return {
    ...computeOutcomes(selected, now),
    sideEffects: sideEffectRates(
      sessionCount,
      severities.filter((s) => ids.has(s.patient_id)).map((s) => Number(s.severity)),
      selected.length,
    ),
    byProvider: [...groups.entries()]
      .map(([providerId, list]) => {
        const f = computeOutcomes(list, now);
        return {
          providerId,
          started: f.patients.started,
          density: f.density.map(({ month, n, median, q1, q3, ci95 }) => ({
            month,
            n,
            median,
            q1,
            q3,
            ci95,
          })),
        };
      })
      .sort((a, b) => a.providerId.localeCompare(b.providerId)),
    providers: [
      ...new Set([...firstPlan.values()].map((p) => p.providerId).filter((id) => id !== null)),
    ].sort(),
  };
}

/** The same parts of the page as getOutcomes answers them (from the summaries). */
async function pageOutcomes(db: Kysely<Database>, input: OutcomesQuery, now: number) {
  // As the public summary reads it (no actor): the migration test's database has no users.
  const o = await getOutcomes({ db, clock: { now: () => now }, library: null }, null, input);
  return {
    patients: o.patients,
    density: o.density,
    diameter: o.diameter,
    responders: o.responders,
    sideEffects: o.sideEffects,
    byProvider: o.byProvider
      .map(({ providerId, started, density }) => ({ providerId, started, density }))
      .sort((a, b) => a.providerId.localeCompare(b.providerId)),
    providers: o.options.providers.map((p) => p.id).sort(),
  };
}

/**
 * Patients with what makes the calculation branch: both scalp sites photographed at the same instant
 * (ties), visits that miss windows, uncalibrated photos, engine-flagged images, corrections (some
 * corrected twice), plans without sessions, second plans (later, of another treatment, or not
 * started), proposed-only patients, starts recent enough that windows are still open.
 */
function generatedPatients(n: number, seed: number): OutcomePatientRows[] {
  const rnd = seededRandom(seed);
  const out: OutcomePatientRows[] = [];
  for (let p = 0; p < n; p++) {
    const id = `g${p}`;
    const treatment = TREATMENTS[Math.floor(rnd() * TREATMENTS.length)]!;
    const startAt = TEST_NOW - Math.floor(rnd() * 900 * DAY);
    const sessionDays = rnd() < 0.1 ? [] : [0, 28, 56].filter(() => rnd() < 0.8);
    const base = 80 + rnd() * 80;
    const trend = (rnd() - 0.3) * 3;
    const measurements = [];
    for (let v = 0; v < 7; v++) {
      if (rnd() < 0.15) continue; // a missed visit
      const day = -12 + v * 3 * (MONTH / DAY) + Math.round((rnd() - 0.5) * 60);
      const sites = rnd() < 0.7 ? ['vertex-centre', 'frontal'] : [rnd() < 0.5 ? 'vertex-centre' : 'frontal'];
      // Usually both sites at the same instant; sometimes a second photo of a site the same day.
      for (const site of sites) {
        const hairCount = Math.round(base + trend * v * 3 + (rnd() - 0.5) * 20);
        const areaCm2 = rnd() < 0.5 ? 1 : 0.5;
        measurements.push({
          day: rnd() < 0.2 ? day + rnd() * 3 : day,
          site,
          hairCount,
          areaCm2,
          densityPerCm2: hairCount / areaCm2,
          diameterUm: 50 + Math.round(rnd() * 20),
          standardized: rnd() > 0.05,
          qualityOk: rnd() > 0.08,
          expectedError: rnd() < 0.5 ? 0.15 : 0.3,
          correction:
            rnd() < 0.08
              ? {
                  hairCount: hairCount + 4,
                  densityPerCm2: (hairCount + 4) / areaCm2,
                  afterDays: 1 + rnd() * 5,
                }
              : undefined,
        });
      }
    }
    const rows = outcomePatientRows({
      id,
      treatment,
      startAt,
      providerId: rnd() < 0.5 ? MORGAN : CHEN,
      sessionDays,
      measurements,
      // A report refers to the first session, so only patients with sessions report.
      sideEffectSeverities: sessionDays.length && rnd() < 0.3 ? [Math.floor(rnd() * 11)] : [],
    });
    const plan = rows.treatment_plans[0]!;
    const r = rnd();
    if (r < 0.06) plan.status = 'proposed';
    else if (r < 0.12) plan.status = 'stopped';
    else if (r < 0.16) plan.status = 'completed';
    if (rnd() < 0.2) {
      // A second plan: later, maybe of another treatment, maybe not started; with a session or not.
      const second = {
        ...plan,
        id: `${id}-plan2`,
        treatment_slug: rnd() < 0.5 ? treatment : TREATMENTS[Math.floor(rnd() * TREATMENTS.length)]!,
        status: rnd() < 0.3 ? 'proposed' : 'active',
        created_at: plan.created_at + Math.round((rnd() - 0.3) * 200 * DAY),
      } as typeof plan;
      rows.treatment_plans.push(second);
      if (rnd() < 0.6) {
        const at = second.created_at + 3 * DAY;
        rows.treatment_sessions.push({
          ...(rows.treatment_sessions[0] ?? sessionTemplate(id)),
          id: `${id}-plan2-session`,
          plan_id: second.id,
          treatment_slug: second.treatment_slug,
          provider_id: rnd() < 0.5 ? MORGAN : CHEN,
          performed_at: at,
          created_at: at,
        });
      }
    }
    // A second correction of an already corrected measurement: the later one counts.
    const corrected = rows.measurements.find((m) => m.corrects_id !== null);
    if (corrected && rnd() < 0.5)
      rows.measurements.push({
        ...corrected,
        id: `${corrected.id}2`,
        hair_count: Number(corrected.hair_count) + 9,
        density_per_cm2: Number(corrected.density_per_cm2) + 9,
        created_at: Number(corrected.created_at) + DAY,
      });
    out.push(rows);
  }
  return out;
}

function sessionTemplate(patientId: string): OutcomePatientRows['treatment_sessions'][number] {
  return outcomePatientRows({
    id: patientId,
    treatment: 'prp',
    startAt: TEST_NOW,
    providerId: MORGAN,
    measurements: [],
  }).treatment_sessions[0]!;
}

async function insertRows(db: Kysely<Database>, patients: OutcomePatientRows[]): Promise<void> {
  for (const table of OUTCOME_TABLES) {
    const rows = patients.flatMap((p) => p[table] as unknown[]);
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + 200) as never)
        .execute();
  }
}

const QUERIES = (slug: string): OutcomesQuery[] => [
  { treatment: slug },
  { treatment: slug, providerId: MORGAN },
  { treatment: slug, from: '2025-06-01' },
  { treatment: slug, to: '2025-12-31' },
  { treatment: slug, site: 'frontal' },
  { treatment: slug, site: 'vertex-centre', providerId: CHEN },
  { treatment: slug, site: 'occipital' },
];

async function staleFlag(db: Kysely<Database>, patientId: string): Promise<number> {
  const r = await sql<{ s: number | string }>`
    select outcomes_stale as s from patients where id = ${patientId}`.execute(db);
  return Number(r.rows[0]?.s);
}

describe('the stored outcome', () => {
  it('reads back exactly, including values JSON cannot hold', () => {
    const outcome = {
      startAt: 1,
      lastContactAt: null,
      lastMeasurementAt: 2,
      baselineExcluded: null,
      followUps: [
        {
          kind: 'measured' as const,
          density: { change: 0.1 + 0.2, uncertainty: Number.NaN },
          diameter: { change: -1 / 3, uncertainty: Number.POSITIVE_INFINITY },
        },
        { kind: 'unusable' as const, reason: 'not-standardized' as const },
        { kind: 'none' as const },
      ],
    };
    const row = {
      patient_id: 'p',
      start_at: 1,
      provider_id: null,
      last_contact_at: null,
      last_measurement_at: 2,
      treatment_sessions: 0,
      outcome_json: encodeOutcome(outcome),
    };
    expect(decodeOutcome(row)).toEqual(outcome);
    expect(decodeOutcome(row).followUps[0]).toMatchObject({ density: { change: 0.30000000000000004 } });
  });
});

describe.each(DIALECTS)('outcome summaries on %s', (dialect) => {
  let t: TestApp;
  let db: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = t.deps.db.kysely;
    await insertRows(db, generatedPatients(240, 223));
  }, 120_000);
  afterAll(() => t.close());

  it('gives the figures of the computation from measurements, for every filter', async () => {
    let compared = 0;
    for (const now of [TEST_NOW, TEST_NOW - 200 * DAY]) {
      for (const slug of TREATMENTS) {
        for (const q of QUERIES(slug)) {
          const page = await pageOutcomes(db, q, now);
          const reference = await referenceOutcomes(db, q, now);
          expect(page, JSON.stringify(q)).toEqual(reference);
          compared++;
        }
      }
    }
    expect(compared).toBe(2 * TREATMENTS.length * 7);
    // The data reach the branches they were made for (so the comparison means something).
    const all = await pageOutcomes(db, { treatment: 'prp' }, TEST_NOW);
    expect(all.patients.started).toBeGreaterThan(40);
    expect(all.patients.excluded.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['no-baseline-measurement', 'baseline-flagged-by-quality-check']),
    );
    expect(all.density.every((d) => d.n >= 5 && d.excluded.length > 0 && d.missing > 0)).toBe(true);
    const recent = await pageOutcomes(db, { treatment: 'prp' }, TEST_NOW - 200 * DAY);
    expect(recent.patients.inFollowUp).toBeGreaterThan(0);
  }, 120_000);

  it('stores one row per patient and treatment for all sites, and one per site measured', async () => {
    await getOutcomes({ db, clock: t.deps.clock, library: null }, ADMIN, { treatment: 'prp' });
    const all = await listOutcomeSummaries(db, 'prp', '');
    const frontal = await listOutcomeSummaries(db, 'prp', 'frontal');
    const plans = await listCohortPlans(db, 'prp');
    expect(all.map((r) => r.patient_id).sort()).toEqual([...new Set(plans.map((p) => p.patient_id))].sort());
    expect(frontal.length).toBeGreaterThan(0);
    expect(frontal.length).toBeLessThan(all.length);
    const r = all[0]!;
    expect(decodeOutcome(r).startAt).toBe(Number(r.start_at));
  });

  describe('kept correct when the data change', () => {
    const SLUG = 'microneedling';
    const START = TEST_NOW - 420 * DAY;
    const deps = () => ({ db: t.deps.db, clock: t.deps.clock, storage: t.deps.storage });
    const figures = () => getOutcomes({ db, clock: t.deps.clock, library: null }, ADMIN, { treatment: SLUG });
    const summaryOf = async (patientId: string) => {
      const row = (await listOutcomeSummaries(db, SLUG, '')).find((r) => r.patient_id === patientId);
      return row ? decodeOutcome(row) : undefined;
    };

    beforeAll(async () => {
      // Six patients with a 3-month change of +20 (baseline 100 hairs on 1 cm²), and one (c6)
      // without a 3-month visit.
      const patients = [0, 1, 2, 3, 4, 5, 6].map((i) =>
        outcomePatientRows({
          id: `c${i}`,
          treatment: SLUG,
          startAt: START,
          providerId: MORGAN,
          sessionDays: [0],
          measurements: [{ day: -5, hairCount: 100 }, ...(i < 6 ? [{ day: 91, hairCount: 120 }] : [])],
        }),
      );
      await insertRows(db, patients);
      expect(await staleFlag(db, 'c0')).toBe(1);
      const f = await figures();
      expect(f.density[0]).toMatchObject({ month: 3, n: 6, median: 20, missing: 1 });
      expect(await staleFlag(db, 'c0')).toBe(0);
    });

    it('a correction counts at the next read', async () => {
      const target = await db
        .selectFrom('measurements')
        .selectAll()
        .where('id', '=', 'c0-m-1')
        .executeTakeFirstOrThrow();
      await correctMeasurement(deps(), ADMIN, {
        target,
        correction: { hairCount: 160, reason: 'recount' },
        ip: '127.0.0.1',
      });
      expect(await staleFlag(db, 'c0')).toBe(1);
      const f = await figures();
      expect(f.density[0]!.changes).toEqual([20, 20, 20, 20, 20, 60]);
      const stored = await summaryOf('c0');
      expect(stored?.followUps[0]).toMatchObject({ kind: 'measured', density: { change: 60 } });
    });

    it('an image the engine flags counts as excluded, not as missing', async () => {
      const photo = {
        ...outcomePatientRows({
          id: 'c6',
          treatment: SLUG,
          startAt: START,
          providerId: MORGAN,
          measurements: [{ day: 92, hairCount: 1 }],
        }).photos[0]!,
        id: 'c6-photo-late',
        image_key: 'k/c6-photo-late',
        thumb_key: 't/c6-photo-late',
        original_key: 'o/c6-photo-late',
      };
      await insertPhoto(db, photo);
      await recordPhotoAnalysis(
        db,
        photo,
        {
          width: 100,
          height: 100,
          umPerPx: 4,
          areaCm2: 1,
          hairCount: 150,
          densityPerCm2: 150,
          meanDiameterUm: 60,
          vellusRatio: 0.2,
          terminalRatio: 0.6,
          hairs: [],
          diameterHistogram: { binUm: 10, counts: [] },
          hairMassPerCm2: 9000,
          quality: { ok: false, confidence: 0.2, expectedError: 0.5, countInterval: [75, 225], issues: [] },
          engineVersion: 'test',
        },
        TEST_NOW,
      );
      expect(await staleFlag(db, 'c6')).toBe(1);
      const f = await figures();
      expect(f.density[0]).toMatchObject({
        n: 6,
        missing: 0,
        excluded: [{ reason: 'flagged-by-quality-check', count: 1 }],
      });
      expect((await summaryOf('c6'))?.followUps[0]).toEqual({
        kind: 'unusable',
        reason: 'flagged-by-quality-check',
      });
    });

    it('a deleted photo takes its measurement (and its correction) out of the figures', async () => {
      const row = await findPhotoRow(db, 'c0-photo-1');
      await deletePhoto(deps(), ADMIN, { row: row!, reason: 'wrong patient', ip: '127.0.0.1' });
      expect(await staleFlag(db, 'c0')).toBe(1);
      const f = await figures();
      expect(f.density[0]).toMatchObject({ n: 5, median: 20, missing: 1 });
      expect((await summaryOf('c0'))?.followUps[0]).toEqual({ kind: 'none' });
    });

    it('a plan that is no longer started leaves the cohort; a session moves the start', async () => {
      await updatePlan(db, 'c1-plan', { status: 'proposed' });
      expect((await figures()).patients.started).toBe(6);
      expect(await summaryOf('c1')).toBeUndefined();
      await updatePlan(db, 'c1-plan', { status: 'active' });
      expect((await figures()).patients.started).toBe(7);
      // A session recorded 200 days before: the start moves back, the baseline window with it,
      // and the measurement 5 days before the old start no longer is a baseline.
      const session = outcomePatientRows({
        id: 'c1',
        treatment: SLUG,
        startAt: START - 200 * DAY,
        providerId: CHEN,
        measurements: [],
      }).treatment_sessions[0]!;
      await db
        .insertInto('treatment_sessions')
        .values({ ...session, id: 'c1-early-session' })
        .execute();
      const f = await figures();
      expect(f.patients.excluded).toEqual([{ reason: 'no-baseline-measurement', count: 1 }]);
      expect(await summaryOf('c1')).toMatchObject({
        startAt: START - 200 * DAY,
        baselineExcluded: 'no-baseline-measurement',
      });
      expect(f.byProvider.find((p) => p.providerId === CHEN)?.started).toBe(1);
    });

    it('a merge of two records counts the kept one once, with both histories', async () => {
      const before = (await figures()).patients.started;
      await db.transaction().execute((trx) => moveAndDeletePatient(trx, 'c3', 'c2'));
      expect(await staleFlag(db, 'c3')).toBe(1);
      expect((await figures()).patients.started).toBe(before - 1);
      expect(await summaryOf('c2')).toBeUndefined();
      expect((await summaryOf('c3'))?.followUps[0]).toMatchObject({ kind: 'measured' });
    });

    it.runIf(dialect === 'postgres')(
      'a write during a rebuild marks the patient again, so it is not lost',
      async () => {
        await figures();
        await updatePlan(db, 'c4-plan', { goal: 'first change' });
        // A rebuild has taken c4's mark and not committed yet …
        let release!: () => void;
        const held = new Promise<void>((r) => {
          release = r;
        });
        let claimed!: (ids: string[]) => void;
        const taken = new Promise<string[]>((r) => {
          claimed = r;
        });
        const rebuild = db.transaction().execute(async (trx) => {
          claimed(await claimStaleOutcomePatients(trx));
          await held;
        });
        expect(await taken).toContain('c4');
        // … when another write for c4 arrives: it waits for the rebuild, then marks c4 again.
        let written = false;
        const write = updatePlan(db, 'c4-plan', { goal: 'second change' }).then(() => {
          written = true;
        });
        await new Promise((r) => setTimeout(r, 300));
        expect(written).toBe(false);
        release();
        await rebuild;
        await write;
        expect(await staleFlag(db, 'c4')).toBe(1);
      },
    );

    it('the figures after these changes are still those of the computation from measurements', async () => {
      expect(await pageOutcomes(db, { treatment: SLUG }, TEST_NOW)).toEqual(
        await referenceOutcomes(db, { treatment: SLUG }, TEST_NOW),
      );
    });
  });
});

describe.each(DIALECTS)('the outcome summaries migration on %s', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(() => test.drop());

  it('builds the summaries of the data already stored (backfill)', async () => {
    const db = test.db.kysely;
    const names = Object.keys(migrations);
    const before = names[names.indexOf('2026_12_10_0100_outcome_summaries') - 1]!;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const r = await migrator.migrateTo(before);
    expect(r.error).toBeUndefined();
    await sql`insert into clinics (id, name, phone, email, website, address, settings_json)
      values ('c', 'Clinic', '+1 555 0100', 'c@example.org', null, null, '{}')`.execute(db);
    await sql`insert into locations (id, clinic_id, name, time_zone, address)
      values ('l', 'c', 'Main', 'America/Los_Angeles', null)`.execute(db);
    await sql`insert into providers (id, user_id, location_id, name, credentials, bio, active, photo_key)
      values (${MORGAN}, null, 'l', 'Morgan', null, null, 1, null),
             (${CHEN}, null, 'l', 'Chen', null, null, 1, null)`.execute(db);
    await insertRows(db, generatedPatients(60, 7));
    await migrateToLatest(db);
    const stale = await sql<{ n: number | string }>`
      select count(*) as n from patients where outcomes_stale = 1`.execute(db);
    expect(Number(stale.rows[0]?.n)).toBe(0);
    const stored = await db.selectFrom('outcome_summaries').select('patient_id').execute();
    expect(stored.length).toBeGreaterThan(60);
    for (const slug of TREATMENTS)
      expect(await pageOutcomes(db, { treatment: slug }, TEST_NOW)).toEqual(
        await referenceOutcomes(db, { treatment: slug }, TEST_NOW),
      );
  }, 120_000);
});
