import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';
import { makeOutcomePatient } from './outcomes.factory';

const DAY = 86_400_000;
const START = TEST_NOW - 420 * DAY; // every 3-, 6- and 12-month window has closed
const T = 'topical-minoxidil';
const MORGAN = 'demo-provider-morgan';
const CHEN = 'demo-provider-chen';
// 3-month changes of the six evaluable patients (baseline 100 hairs on 1 cm²).
const CHANGES = [-2, 4, 6, 10, 12, 40];

describe.each(DIALECTS)('GET /api/outcomes on %s', (dialect) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string[]> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const who of ['clinician', 'admin', 'desk', 'patient'])
      cookies[who] = await signIn(t.app, `${who}@example.com`);
    const db = t.deps.db.kysely;
    const base = { treatment: T, startAt: START, sessionDays: [0, 28, 56] };
    for (const [i, d] of CHANGES.entries()) {
      ids[`e${i}`] = await makeOutcomePatient(db, {
        ...base,
        id: `e${i}`,
        providerId: i < 3 ? MORGAN : CHEN,
        measurements: [
          { day: -7, hairCount: 100 },
          { day: 91, hairCount: 100 + d },
          ...(i === 0 ? [{ day: 365, hairCount: 120 }] : []),
        ],
        sideEffectSeverities: i === 0 ? [2, 8] : i === 1 ? [5] : [],
      });
    }
    await makeOutcomePatient(db, {
      ...base,
      id: 'x-no-baseline',
      providerId: CHEN,
      measurements: [{ day: 91, hairCount: 130 }],
    });
    await makeOutcomePatient(db, {
      ...base,
      id: 'x-flagged-baseline',
      providerId: CHEN,
      measurements: [
        { day: 0, hairCount: 90, qualityOk: false },
        { day: 91, hairCount: 150 },
      ],
    });
    await makeOutcomePatient(db, {
      ...base,
      id: 'x-clinical-photo',
      providerId: CHEN,
      measurements: [{ day: 0, hairCount: 90, standardized: false }],
    });
    await makeOutcomePatient(db, {
      ...base,
      id: 'x-flagged-3m',
      providerId: CHEN,
      measurements: [
        { day: 0, hairCount: 100 },
        { day: 95, hairCount: 170, qualityOk: false },
      ],
    });
  });
  afterAll(() => t.close());
  const get = (url: string, who = 'clinician') => t.app.inject({ url, headers: { cookie: cookies[who]! } });

  it('counts the cohort, follow-up and exclusions with their reasons', async () => {
    const res = await get(`/api/outcomes?treatment=${T}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.treatment).toEqual({ slug: T, name: expect.stringMatching(/minoxidil/i) });
    // e0 was measured at 12 months; everyone else's last contact is > 182 days ago.
    expect(body.patients).toEqual({
      started: 10,
      inFollowUp: 0,
      completedFollowUp: 1,
      lostToFollowUp: 9,
      excluded: [
        { reason: 'baseline-flagged-by-quality-check', count: 1 },
        { reason: 'baseline-not-standardized', count: 1 },
        { reason: 'no-baseline-measurement', count: 1 },
      ],
    });
  });

  it('gives the 3-month change with quartiles and an order-statistic interval', async () => {
    const body = (await get(`/api/outcomes?treatment=${T}`)).json();
    const [three, six, twelve] = body.density;
    expect(three).toMatchObject({
      month: 3,
      n: 6,
      median: 8, // (6 + 10) / 2
      q1: 4.5,
      q3: 11.5,
      ci95: [-2, 40], // six patients: min..max, coverage 1 − 2/64
      ciCoverage: 0.9688,
      changes: [-2, 4, 6, 10, 12, 40],
      excluded: [{ reason: 'flagged-by-quality-check', count: 1 }],
      missing: 0,
    });
    // Only +40 exceeds 2·√(10.05² + 11.91²) ≈ 31.2 (counting variation with a 1 % engine error).
    expect(three.responders).toEqual({ n: 6, count: 1, share: 1 / 6, worse: 0 });
    expect(six).toMatchObject({ month: 6, n: 0, median: null, ci95: null, missing: 7 });
    // One patient at 12 months: a median, but no interval and no share.
    expect(twelve).toMatchObject({ month: 12, n: 1, median: 20, ci95: null, ciCoverage: null });
    expect(twelve.responders.share).toBeNull();
    expect(body.diameter[0]).toMatchObject({ month: 3, n: 6, median: 0 });
  });

  it('gives side-effect reports per 100 sessions by severity and the published trial figure', async () => {
    const body = (await get(`/api/outcomes?treatment=${T}`)).json();
    // 3 reports over 10 patients × 3 sessions.
    expect(body.sideEffectsPer100Sessions).toBe(10);
    expect(body.sideEffects.bySeverity).toEqual([
      { severity: 'mild', reports: 1, per100Sessions: 3.3 },
      { severity: 'moderate', reports: 1, per100Sessions: 3.3 },
      { severity: 'severe', reports: 1, per100Sessions: 3.3 },
    ]);
    expect(body.published.density).toMatchObject({ value: 18.6, weeks: 48, unit: 'hairs-per-cm2' });
    expect(body.published.density.studies[0].citation).toMatch(/\w/);
    expect(body.definitions.map((d: { term: string }) => d.term)).toContain('Responder');
  });

  it('filters by provider and period, with no share or interval under five patients', async () => {
    const morgan = (await get(`/api/outcomes?treatment=${T}&providerId=${MORGAN}`)).json();
    expect(morgan.patients.started).toBe(3);
    expect(morgan.density[0]).toMatchObject({ n: 3, median: 4, ci95: null });
    expect(morgan.density[0].responders.share).toBeNull();
    expect(morgan.sideEffectsPer100Sessions).toBeNull();
    const all = (await get(`/api/outcomes?treatment=${T}`)).json();
    expect(
      all.byProvider.map((p: { providerId: string; started: number }) => [p.providerId, p.started]),
    ).toEqual(
      expect.arrayContaining([
        [MORGAN, 3],
        [CHEN, 7],
      ]),
    );
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const later = (await get(`/api/outcomes?treatment=${T}&from=${day(START + 3 * DAY)}`)).json();
    expect(later.patients.started).toBe(0);
    const around = (
      await get(`/api/outcomes?treatment=${T}&from=${day(START - 3 * DAY)}&to=${day(START + 3 * DAY)}`)
    ).json();
    expect(around.patients.started).toBe(10);
  });

  it('uses the latest row correcting an automatic measurement', async () => {
    const auto = ids.e3![1]!; // 3-month value 110
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${auto}/corrections`,
      headers: { cookie: cookies.clinician! },
      payload: { hairCount: 150, reason: 'Recounted on the overlay.' },
    });
    expect(res.statusCode).toBe(201);
    let three = (await get(`/api/outcomes?treatment=${T}`)).json().density[0];
    expect(three.changes).toEqual([-2, 4, 6, 12, 40, 50]);
    expect(three.median).toBe(9);
    expect(three.q3).toBe(33); // h = 3.75: 12 + 0.75·28
    // A later row pointing at the same automatic one (a second look, or a verification) wins.
    const row = await t.deps.db.kysely
      .selectFrom('measurements')
      .selectAll()
      .where('id', '=', auto)
      .executeTakeFirstOrThrow();
    await t.deps.db.kysely
      .insertInto('measurements')
      .values({
        ...row,
        id: 'e3-second-look',
        source: 'corrected',
        corrects_id: auto,
        hair_count: 111,
        density_per_cm2: 111,
        created_at: TEST_NOW + 1000,
      })
      .execute();
    three = (await get(`/api/outcomes?treatment=${T}`)).json().density[0];
    expect(three.changes).toEqual([-2, 4, 6, 11, 12, 40]);
    expect(three.median).toBe(8.5);
  });

  it('is for clinicians and admins only, audited, and refuses bad input with 400', async () => {
    expect((await get(`/api/outcomes?treatment=${T}`, 'admin')).statusCode).toBe(200);
    expect((await get(`/api/outcomes?treatment=${T}`, 'desk')).statusCode).toBe(403);
    expect((await get(`/api/outcomes?treatment=${T}`, 'patient')).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/outcomes?treatment=${T}` })).statusCode).toBe(401);
    expect((await get('/api/outcomes')).statusCode).toBe(400);
    expect((await get('/api/outcomes?treatment=Not%20A%20Slug')).statusCode).toBe(400);
    expect((await get(`/api/outcomes?treatment=${T}&from=2026-02-30x`)).statusCode).toBe(400);
    expect((await get(`/api/outcomes?treatment=${T}&from=2026-05-01&to=2026-04-01`)).statusCode).toBe(400);
    const entries = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'actor_role'])
      .where('action', '=', 'outcomes.read')
      .execute();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ resource_id: T });
  });

  it('answers for a treatment nobody has started, with zeros and no shares', async () => {
    const body = (await get('/api/outcomes?treatment=finasteride')).json();
    expect(body.patients).toMatchObject({ started: 0, lostToFollowUp: 0, excluded: [] });
    expect(body.density.map((d: { n: number }) => d.n)).toEqual([0, 0, 0]);
    expect(body.responders).toEqual({ n: 0, count: 0, share: null, worse: 0 });
  });
});
