import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { seedDemo } from '../demo/seed-demo';
import { careClient } from '../plans/care-test-client';

const DAY = 86_400_000;

describe.each(DIALECTS)('care demo histories on %s', (dialect) => {
  let t: TestApp;
  let call: Awaited<ReturnType<typeof careClient>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await careClient(t);
  });
  afterAll(() => t.close());

  it('gives Pat Rivera a Norwood III-vertex diagnosis, a PRP plan two sessions in and a signed consent', async () => {
    const dx = (await call('clinician', 'GET', '/api/patients/demo-patient-1/diagnoses')).body;
    expect(dx.map((d: { source: string; stage: string }) => [d.source, d.stage])).toEqual([
      ['assessment', 'III-vertex'],
      ['clinician', 'III-vertex'],
    ]);
    const [plan] = (await call('patient', 'GET', '/api/patients/demo-patient-1/plans')).body;
    expect(plan).toMatchObject({ treatmentSlug: 'prp', sessionsPlanned: 3, maintenanceIntervalWeeks: 16 });
    expect(plan.progress.label).toBe('Session 3 of 3');
    const sessions = (await call('patient', 'GET', '/api/patients/demo-patient-1/sessions')).body;
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s.status).toBe('signed');
      expect(s.injectionMap.length).toBeGreaterThan(0);
      expect(s.performedAt).toBeLessThan(t.clock.now() - 30 * DAY);
    }
    const consents = (await call('patient', 'GET', '/api/patients/demo-patient-1/consents')).body;
    expect(consents.due).toEqual([]);
    expect(consents.signed).toMatchObject([{ treatmentSlug: 'prp', version: 1 }]);
  });

  it('gives Sam Lee a Ludwig II diagnosis, one session and a reviewed routine side-effect report', async () => {
    const dx = (await call('clinician', 'GET', '/api/patients/demo-patient-2/diagnoses')).body;
    expect(dx).toMatchObject([{ scale: 'ludwig', stage: 'II' }]);
    expect((await call('patient2', 'GET', '/api/patients/demo-patient-2/sessions')).body).toHaveLength(1);
    const reports = (await call('patient2', 'GET', '/api/patients/demo-patient-2/side-effects')).body;
    expect(reports).toMatchObject([{ urgency: 'routine', status: 'reviewed', sessionId: 'demo-session-2a' }]);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const db = t.deps.db.kysely;
    const count = async () =>
      Promise.all(
        (
          [
            'treatment_plans',
            'treatment_sessions',
            'diagnoses',
            'consent_signatures',
            'care_templates',
          ] as const
        ).map(async (tbl) =>
          Number(
            (
              await db
                .selectFrom(tbl)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await count();
    await seedDemo({ db, now: t.clock.now() + 5 * DAY });
    expect(await count()).toEqual(before);
  });
});
