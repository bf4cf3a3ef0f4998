import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';

const AUTO = 'demo-measurement-p1-2';

describe.each(DIALECTS)('hair-by-hair verification on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookies[who]! } });
  const post = (url: string, who: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
  const verify = (id: string, who: string, payload: object) =>
    post(`/api/measurements/${id}/verification`, who, payload);

  it('lists the engine hairs of an automatic measurement by emergence point', async () => {
    const res = await get(`/api/measurements/${AUTO}/hairs`, 'clinician');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ source: 'auto', measurementId: AUTO, correctsId: null });
    expect(body.hairs.length).toBe(body.hairCount);
    expect(body.hairs.length).toBeGreaterThan(10);
    for (const h of body.hairs) {
      expect(h.origin).toBe('engine');
      expect(h.x).toBeGreaterThanOrEqual(0);
      expect(h.x).toBeLessThan(body.width);
      expect(h.y).toBeLessThan(body.height);
      expect(['vellus', 'intermediate', 'terminal']).toContain(h.class);
    }
  });

  it('shows hairs to the patient themself and to no one else outside clinical staff', async () => {
    expect((await get(`/api/measurements/${AUTO}/hairs`, 'patient')).statusCode).toBe(200);
    expect((await get(`/api/measurements/${AUTO}/hairs`, 'patient2')).statusCode).toBe(404);
    expect((await get(`/api/measurements/${AUTO}/hairs`, 'desk')).statusCode).toBe(403);
    expect((await get('/api/measurements/nope/hairs', 'clinician')).statusCode).toBe(404);
  });

  it('refuses a verification from a patient, the front desk and an admin', async () => {
    const hairs = (await get(`/api/measurements/${AUTO}/hairs`, 'clinician')).json().hairs;
    for (const who of ['patient', 'desk', 'admin']) {
      expect((await verify(AUTO, who, { hairs })).statusCode).toBe(403);
    }
  });

  it('refuses hairs outside the image, too many hairs and unknown measurements with 4xx', async () => {
    const { width, height } = (await get(`/api/measurements/${AUTO}/hairs`, 'clinician')).json();
    const outside = await verify(AUTO, 'clinician', {
      hairs: [
        { x: 1, y: 1 },
        { x: width, y: 3 },
      ],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toContain('outside');
    expect((await verify(AUTO, 'clinician', { hairs: [{ x: 3, y: height + 5 }] })).statusCode).toBe(400);
    const many = Array.from({ length: 5001 }, () => ({ x: 1, y: 1 }));
    expect((await verify(AUTO, 'clinician', { hairs: many })).statusCode).toBe(400);
    expect((await verify(AUTO, 'clinician', { hairs: [{ x: -1, y: 2 }] })).statusCode).toBe(400);
    expect((await verify('nope', 'clinician', { hairs: [] })).statusCode).toBe(404);
    // Nothing was stored by any of those.
    const rows = await t.testDb.db.kysely
      .selectFrom('measurements')
      .select('id')
      .where('source', '=', 'verified')
      .execute();
    expect(rows).toEqual([]);
  });

  it('stores a verified measurement beside the unchanged automatic one, with its audit entry', async () => {
    const before = (await get(`/api/measurements/${AUTO}/hairs`, 'clinician')).json();
    const autoBefore = (await get('/api/patients/demo-patient-1/measurements', 'clinician'))
      .json()
      .find((m: { id: string }) => m.id === AUTO);
    // Remove two hairs that stand alone at their emergence point, add one on bare skin.
    type H = { x: number; y: number; diameterUm: number };
    const at = (h: H) => `${h.x},${h.y}`;
    const shared = new Map<string, number>();
    for (const h of before.hairs as H[]) shared.set(at(h), (shared.get(at(h)) ?? 0) + 1);
    const alone = (before.hairs as H[]).filter((h) => shared.get(at(h)) === 1);
    const removed = new Set([alone[0]!, alone[1]!]);
    const keptHairs = (before.hairs as H[]).filter((h) => !removed.has(h));
    const kept = keptHairs.map((h) => ({ x: h.x, y: h.y }));
    const res = await verify(AUTO, 'clinician', {
      hairs: [...kept, { x: 3, y: 4 }],
      note: 'two on a scale flake',
    });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({
      source: 'verified',
      correctsId: AUTO,
      hairCount: before.hairCount - 1,
      verifiedBy: 'demo-user-clinician',
      reason: 'two on a scale flake',
      areaCm2: before.areaCm2,
    });
    expect(v.densityPerCm2).toBeCloseTo((before.hairCount - 1) / before.areaCm2, 1);

    const list = (await get('/api/patients/demo-patient-1/measurements', 'clinician')).json();
    expect(list.find((m: { id: string }) => m.id === AUTO)).toEqual(autoBefore);
    expect(list.find((m: { id: string }) => m.id === v.id)).toMatchObject({ source: 'verified' });

    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'patient_id', 'detail'])
      .where('resource_id', '=', v.id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'measurement.verification.create',
        actor_id: 'demo-user-clinician',
        patient_id: 'demo-patient-1',
        detail: `verifies ${AUTO}: hair count ${before.hairCount} → ${before.hairCount - 1} (kept ${before.hairCount - 2}, removed 2, added 1)`,
      },
    ]);

    const hairs = (await get(`/api/measurements/${v.id}/hairs`, 'patient')).json();
    expect(hairs).toMatchObject({ source: 'verified', correctsId: AUTO, verifiedByName: expect.any(String) });
    expect(hairs.hairs).toHaveLength(before.hairCount - 1);
    expect(hairs.hairs.at(-1)).toEqual({
      x: 3,
      y: 4,
      diameterUm: null,
      class: 'unmeasured',
      origin: 'added',
    });
    expect(hairs.hairs.slice(0, -1).map((h: H) => [h.x, h.y, h.diameterUm])).toEqual(
      keptHairs.map((h) => [h.x, h.y, h.diameterUm]),
    );
  });

  it('charts, compares and exports the verified value and says so', async () => {
    const progress = (await get('/api/patients/demo-patient-1/progress', 'patient')).json();
    const point = progress.sites
      .flatMap((s: { points: unknown[] }) => s.points)
      .find((p: { measurementId: string }) => p.measurementId === AUTO);
    const verified = (await get('/api/patients/demo-patient-1/measurements', 'clinician'))
      .json()
      .find((m: { source: string }) => m.source === 'verified');
    expect(point).toMatchObject({ source: 'verified', corrected: true, hairCount: verified.hairCount });

    const bundle = (await get('/api/fhir/Patient/demo-patient-1/$everything', 'clinician')).json();
    const obs = bundle.entry
      .map((e: { resource: { id: string } }) => e.resource)
      .find((r: { id: string }) => r.id === verified.id);
    expect(obs.method.text).toContain('Verified by clinician');
    expect(obs.derivedFrom).toEqual([{ reference: `Observation/${AUTO}` }]);
    expect(obs.status).toBe('amended');
  });

  it('makes a newer verified row on a second review; the latest counts', async () => {
    const engine = (await get(`/api/measurements/${AUTO}/hairs`, 'clinician')).json();
    const firstVerified = (await get('/api/patients/demo-patient-1/measurements', 'clinician'))
      .json()
      .find((m: { source: string }) => m.source === 'verified');
    t.clock.advance(60_000);
    // "Looks right": every engine hair confirmed, submitted from the verified row's id.
    const res = await verify(firstVerified.id, 'clinician', {
      hairs: engine.hairs.map((h: { x: number; y: number }) => ({ x: h.x, y: h.y })),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ correctsId: AUTO, hairCount: engine.hairCount });
    const progress = (await get('/api/patients/demo-patient-1/progress', 'clinician')).json();
    const point = progress.sites
      .flatMap((s: { points: unknown[] }) => s.points)
      .find((p: { measurementId: string }) => p.measurementId === AUTO);
    expect(point.hairCount).toBe(engine.hairCount);
    // A typed correction made from the verified row also sits beside the automatic one.
    const corrected = await post(`/api/measurements/${res.json().id}/corrections`, 'clinician', {
      hairCount: engine.hairCount + 1,
      reason: 'One hair hidden under another.',
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ source: 'corrected', correctsId: AUTO });
  });

  it('reports automatic against verified counts to clinicians and admins only, honest about n', async () => {
    for (const who of ['patient', 'desk']) {
      expect((await get('/api/measurements/agreement', who)).statusCode).toBe(403);
    }
    const res = await get('/api/measurements/agreement', 'admin');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // One image verified (twice: the latest counts) → n = 1, no limits, flagged small.
    expect(body.overall).toMatchObject({ n: 1, meanDifference: 0, limits: null, smallSample: true });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ umPerPx: expect.any(Number), engineVersion: expect.any(String) });
    expect(body.groups[0].images[0]).toMatchObject({ autoId: AUTO, difference: 0 });
  });

  it('recomputes the hair list of an automatic measurement stored without one, the row unchanged', async () => {
    const id = 'demo-measurement-p1-3';
    const first = (await get(`/api/measurements/${id}/hairs`, 'clinician')).json();
    await t.testDb.db.kysely.deleteFrom('measurement_hairs').where('measurement_id', '=', id).execute();
    const again = (await get(`/api/measurements/${id}/hairs`, 'clinician')).json();
    expect(again.hairs).toEqual(first.hairs);
    expect(again.hairCount).toBe(first.hairCount);
  });
});
