import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { careClient } from '../plans/care-test-client';

const DAY = 86_400_000;

describe.each(DIALECTS)('session records on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  let planId: string;
  let otherPlanId: string;
  const session = () => ({
    planId,
    providerId: 'demo-provider-morgan',
    treatmentSlug: 'prp',
    performedAt: t.clock.now() - DAY,
    products: [{ name: 'PRP kit', lot: 'LOT-2211' }],
    preparation: {
      kind: 'prp',
      bloodDrawnMl: 30,
      spinProtocol: '2-spin, 10 min at 1500 g',
      finalVolumeMl: 5,
    },
    anaesthesia: 'Ring block, lidocaine 1%',
    injectionMap: [
      { zone: 'vertex', volumeMl: 2.5 },
      { zone: 'midscalp-centre', volumeMl: 1.5 },
    ],
    notes: 'Tolerated well.',
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await careClient(t);
    const plan = { treatmentSlug: 'prp', sessionsPlanned: 3, intervalWeeks: 4, goal: 'Crown density' };
    planId = (await call('clinician', 'POST', '/api/patients/demo-patient-1/plans', plan)).body.id;
    otherPlanId = (await call('clinician', 'POST', '/api/patients/demo-patient-2/plans', plan)).body.id;
  });
  afterAll(() => t.close());

  it('records a draft with structured preparation and an injection map, then queues post-care', async () => {
    const res = await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', session());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      providerName: 'Dr. Casey Morgan',
      totalVolumeMl: 4,
      preparation: { kind: 'prp', bloodDrawnMl: 30, finalVolumeMl: 5 },
      products: [{ name: 'PRP kit', lot: 'LOT-2211' }],
    });
    const job = await t.deps.db.kysely
      .selectFrom('jobs')
      .select(['kind', 'unique_key'])
      .where('unique_key', '=', `post-care:${res.body.id}`)
      .executeTakeFirst();
    expect(job?.kind).toBe('care.post-care-email');
  });

  it('refuses a session for another patient’s plan and stores nothing', async () => {
    const before = (await call('clinician', 'GET', '/api/patients/demo-patient-1/sessions')).body.length;
    const res = await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', {
      ...session(),
      planId: otherPlanId,
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/not one of this patient/);
    expect((await call('clinician', 'GET', '/api/patients/demo-patient-1/sessions')).body).toHaveLength(
      before,
    );
  });

  it('refuses mismatched preparation, unknown zones, duplicate zones and future dates', async () => {
    const cases = [
      [{ preparation: { kind: 'adipose', harvestSite: 'abdomen', harvestVolumeMl: 50 } }, 422],
      [{ injectionMap: [{ zone: 'chin', volumeMl: 1 }] }, 400],
      [
        {
          injectionMap: [
            { zone: 'vertex', volumeMl: 1 },
            { zone: 'vertex', volumeMl: 2 },
          ],
        },
        400,
      ],
      [{ injectionMap: [{ zone: 'vertex', volumeMl: -1 }] }, 400],
      [{ performedAt: t.clock.now() + 3 * DAY }, 422],
      [{ providerId: 'nobody' }, 422],
    ] as const;
    for (const [patch, status] of cases) {
      const res = await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', {
        ...session(),
        ...patch,
      });
      expect(res.status, JSON.stringify(patch)).toBe(status);
    }
  });

  it('edits a draft, signs it, then refuses edits (nothing changed) and accepts addenda', async () => {
    const s = (await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', session())).body;
    const edited = await call('clinician', 'PATCH', `/api/patients/demo-patient-1/sessions/${s.id}`, {
      notes: 'Mild bleeding, settled with pressure.',
    });
    expect(edited.body.notes).toBe('Mild bleeding, settled with pressure.');
    // Moving a draft into the future is refused as recording one there is.
    const moved = await call('clinician', 'PATCH', `/api/patients/demo-patient-1/sessions/${s.id}`, {
      performedAt: t.clock.now() + 3 * DAY,
    });
    expect(moved.status).toBe(422);

    const signed = await call('clinician', 'POST', `/api/patients/demo-patient-1/sessions/${s.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed',
      signedBy: 'demo-user-clinician',
      signedAt: t.clock.now(),
    });

    const again = await call('clinician', 'POST', `/api/patients/demo-patient-1/sessions/${s.id}/sign`);
    expect(again.status).toBe(409);
    const edit = await call('clinician', 'PATCH', `/api/patients/demo-patient-1/sessions/${s.id}`, {
      notes: 'Changed my mind',
      injectionMap: [],
    });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('RECORD_SIGNED');
    const unchanged = (await call('clinician', 'GET', `/api/patients/demo-patient-1/sessions/${s.id}`)).body;
    expect(unchanged.notes).toBe('Mild bleeding, settled with pressure.');
    expect(unchanged.injectionMap).toHaveLength(2);

    const add = await call('clinician', 'POST', `/api/patients/demo-patient-1/sessions/${s.id}/addenda`, {
      text: 'Lot number corrected: LOT-2212.',
    });
    expect(add.status).toBe(201);
    expect(add.body.addenda).toMatchObject([
      { text: 'Lot number corrected: LOT-2212.', createdByName: 'Dr. Casey Morgan' },
    ]);
    expect(add.body.products).toEqual([{ name: 'PRP kit', lot: 'LOT-2211' }]);

    const plans = (await call('patient', 'GET', '/api/patients/demo-patient-1/plans')).body;
    expect(plans.find((p: { id: string }) => p.id === planId).progress.label).toBe('Session 2 of 3');
  });

  it('lists active providers for the record form, to staff only', async () => {
    const res = await call('clinician', 'GET', '/api/care/providers');
    expect(res.body.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['demo-provider-morgan', 'demo-provider-okafor']),
    );
    expect(res.body.find((p: { id: string }) => p.id === 'demo-provider-morgan').userId).toBe(
      'demo-user-clinician',
    );
    expect((await call('patient', 'GET', '/api/care/providers')).status).toBe(403);
  });

  it('answers 404 for a session id under the wrong patient', async () => {
    const s = (await call('clinician', 'POST', '/api/patients/demo-patient-1/sessions', session())).body;
    expect((await call('clinician', 'GET', `/api/patients/demo-patient-2/sessions/${s.id}`)).status).toBe(
      404,
    );
    expect(
      (await call('clinician', 'POST', `/api/patients/demo-patient-2/sessions/${s.id}/sign`)).status,
    ).toBe(404);
  });
});
