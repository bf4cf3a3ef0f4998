import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../test/test-app';
import { makeOutcomePatient } from './outcomes.factory';

const DAY = 86_400_000;
const START = TEST_NOW - 420 * DAY; // every 3-, 6- and 12-month window has closed
const T = 'topical-minoxidil';
const MORGAN = 'demo-provider-morgan';
const CHANGES = [-2, 4, 6, 10, 12, 40];

describe.each(DIALECTS)('GET /api/public/outcomes on %s', (dialect) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const who of ['clinician', 'admin', 'desk'])
      cookies[who] = await signIn(t.app, `${who}@example.com`);
    for (const [i, d] of CHANGES.entries()) {
      await makeOutcomePatient(t.deps.db.kysely, {
        id: `pub${i}`,
        treatment: T,
        startAt: START,
        providerId: MORGAN,
        sessionDays: [0, 28, 56],
        measurements: [
          { day: -7, hairCount: 100 },
          { day: 91, hairCount: 100 + d },
          // One patient at 12 months: the staff page shows their change as the median; public must not.
          ...(i === 0 ? [{ day: 365, hairCount: 120 }] : []),
        ],
        sideEffectSeverities: i === 0 ? [2, 8] : [],
      });
    }
  });
  afterAll(() => t.close());
  const anon = (url: string) => t.app.inject({ url });
  const setPublished = (on: boolean, who = 'admin') =>
    t.app.inject({
      method: 'PUT',
      url: '/api/admin/outcome-settings',
      headers: { cookie: cookies[who]! },
      payload: { publishSummary: on },
    });

  it('is off by default: 404 for anyone, and only an admin may change that', async () => {
    const off = await anon(`/api/public/outcomes?treatment=${T}`);
    expect(off.statusCode).toBe(404);
    expect(off.json().detail).toMatch(/does not publish/);
    const settings = await t.app.inject({
      url: '/api/admin/outcome-settings',
      headers: { cookie: cookies.admin! },
    });
    expect(settings.json()).toEqual({ publishSummary: false });
    expect((await setPublished(true, 'clinician')).statusCode).toBe(403);
    expect((await setPublished(true, 'desk')).statusCode).toBe(403);
    expect((await anon(`/api/public/outcomes?treatment=${T}`)).statusCode).toBe(404);
  });

  it('when published, gives the clinician endpoint’s numbers without any single patient', async () => {
    const on = await setPublished(true);
    expect(on.statusCode).toBe(200);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'detail'])
      .where('action', '=', 'admin.outcome-settings.update')
      .execute();
    expect(audit).toEqual([{ actor_role: 'admin', detail: '{"publishSummary":true}' }]);

    const res = await anon(`/api/public/outcomes?treatment=${T}`);
    expect(res.statusCode).toBe(200);
    const pub = res.json();
    const staff = (
      await t.app.inject({ url: `/api/outcomes?treatment=${T}`, headers: { cookie: cookies.clinician! } })
    ).json();
    expect(pub.patients).toEqual(staff.patients);
    expect(pub.responders).toEqual(staff.responders);
    expect(pub.sideEffects).toEqual(staff.sideEffects);
    expect(pub.sideEffectsPer100Sessions).toBe(staff.sideEffectsPer100Sessions);
    expect(pub.published).toEqual(staff.published);
    expect(pub.definitions).toEqual(staff.definitions);
    const { changes, ...threeMonths } = staff.density[0];
    expect(changes).toHaveLength(6);
    expect(pub.density[0]).toEqual(threeMonths);
    expect(pub.density[0]).toMatchObject({ n: 6, median: 8, ci95: [-2, 40] });
    expect(pub.diameter[0]).toMatchObject({ n: 6, median: staff.diameter[0].median });
    // One patient at 12 months: the staff page shows their own change (+20) as the median.
    expect(staff.density[2]).toMatchObject({ n: 1, median: 20 });
    expect(pub.density[2]).toMatchObject({ n: 1, median: null, q1: null, q3: null, ci95: null });
    expect(pub.clinicName).toMatch(/\w/);

    const text = res.body;
    for (let i = 0; i < CHANGES.length; i++) {
      expect(text).not.toContain(`pub${i}`);
      expect(text).not.toContain(`Outcome pub${i}`);
    }
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain(MORGAN);
    for (const key of ['"changes"', '"byProvider"', '"providers"', '"filters"', '"comment"']) {
      expect(text).not.toContain(key);
    }
    const reads = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'resource_id'])
      .where('action', '=', 'outcomes.public-read')
      .execute();
    expect(reads).toEqual([{ actor_id: null, resource_id: T }]);
  });

  it('answers 404 for an unknown treatment, 400 for a bad slug or extra filter, and 404 once withdrawn', async () => {
    expect((await anon('/api/public/outcomes?treatment=no-such-treatment')).statusCode).toBe(404);
    expect((await anon('/api/public/outcomes?treatment=Not%20A%20Slug')).statusCode).toBe(400);
    expect((await anon(`/api/public/outcomes?treatment=${T}&providerId=${MORGAN}`)).statusCode).toBe(400);
    expect((await setPublished(false)).statusCode).toBe(200);
    expect((await anon(`/api/public/outcomes?treatment=${T}`)).statusCode).toBe(404);
  });
});
