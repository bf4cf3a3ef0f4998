import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { assessmentSummaryFor, latestAssessmentSummary } from './assessments.repository';

const NORWOOD_MAN = {
  sex: 'male',
  age: 35,
  onset: 'receding-hairline-or-crown',
  durationMonths: 36,
  familyHistory: 'yes',
  scale: { system: 'norwood', stage: 'III-vertex' },
};

describe.each(DIALECTS)('assessments on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const post = (payload: unknown, who?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: payload as object,
      headers: who ? { cookie: cookies[who]! } : {},
    });
  // The demo clinic already holds one assessment (Pat Rivera's, demo-assessment-1).
  const count = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('assessments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('assesses a visitor without saving anything', async () => {
    const res = await post(NORWOOD_MAN);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.id).toBeNull();
    expect(body.result.seePhysicianFirst).toBe(false);
    expect(body.result.likelyStage).toMatchObject({ system: 'norwood', stage: 'III-vertex' });
    expect(body.result.options.length).toBeGreaterThan(2);
    expect(body.result.options[0].evidenceGrade).toBe('high');
    expect(body.summary).toContain('not a diagnosis');
    expect(await count()).toBe(1);
  });

  it('refers scarring patches to a physician and ranks nothing', async () => {
    const res = await post({ ...NORWOOD_MAN, scalpSymptoms: ['scarring-shiny-patches'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatchObject({ seePhysicianFirst: true, options: [] });
    expect(res.json().result.redFlags.map((f: { code: string }) => f.code)).toContain('scarring-signs');
  });

  it('refers a child under 12 to a physician instead of refusing the answers', async () => {
    const res = await post({ ...NORWOOD_MAN, age: 7, durationMonths: 6 });
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatchObject({ seePhysicianFirst: true, options: [] });
    expect(res.json().result.redFlags.map((f: { code: string }) => f.code)).toContain('child-under-12');
  });

  it.each([
    ['an out-of-range age', { age: 121 }, 'body.age'],
    ['an unknown scale value', { scale: { system: 'norwood', stage: 'VIII' } }, 'body.scale.stage'],
    ['contradictory answers', { conditions: ['pregnancy'] }, 'body.conditions'],
    [
      'a SALT score without patches',
      { scale: { system: 'salt', top: 10, back: 0, left: 0, right: 0 } },
      'body.scale.system',
    ],
    ['an unknown field', { shoeSize: 44 }, 'body'],
  ])('answers 400 with field errors for %s and saves nothing', async (_name, change, path) => {
    const res = await post({ ...NORWOOD_MAN, ...change }, 'patient');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await count()).toBe(1);
  });

  it('saves a signed-in patient’s assessment to their record, audited, for them and clinical staff', async () => {
    const res = await post(NORWOOD_MAN, 'patient');
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect(id).toEqual(expect.any(String));
    expect(res.json().patientId).toBe('demo-patient-1');

    const mine = await t.app.inject({
      url: '/api/patients/demo-patient-1/assessments',
      headers: { cookie: cookies.patient! },
    });
    expect(mine.json().map((a: { id: string }) => a.id)).toEqual([id, 'demo-assessment-1']);
    const clinician = await t.app.inject({
      url: '/api/patients/demo-patient-1/assessments',
      headers: { cookie: cookies.clinician! },
    });
    expect(clinician.statusCode).toBe(200);
    expect(clinician.json()[0].result.likelyStage.stage).toBe('III-vertex');

    const desk = await t.app.inject({
      url: '/api/patients/demo-patient-1/assessments',
      headers: { cookie: cookies.desk! },
    });
    expect(desk.statusCode).toBe(403);
    const other = await t.app.inject({
      url: '/api/patients/demo-patient-1/assessments',
      headers: { cookie: cookies.patient2! },
    });
    expect(other.statusCode).toBe(404);

    const audited = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('resource', '=', 'assessment')
      .where('resource_id', '=', id)
      .execute();
    expect(audited).toEqual([{ action: 'assessment.create', actor_id: 'demo-user-patient' }]);
  });

  it('does not save when staff try the form', async () => {
    const before = await count();
    const res = await post(NORWOOD_MAN, 'clinician');
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBeNull();
    expect(await count()).toBe(before);
  });

  it('gives booking the latest summary, and only the patient’s own assessment by id', async () => {
    t.clock.advance(60_000);
    const later = await post({ ...NORWOOD_MAN, goals: ['restore-hairline'] }, 'patient');
    const latest = await latestAssessmentSummary(t.testDb.db.kysely, 'demo-patient-1');
    expect(latest?.id).toBe(later.json().id);
    expect(latest?.summary).toContain('Goals: restore-hairline');
    expect(await latestAssessmentSummary(t.testDb.db.kysely, 'demo-patient-2')).toBeNull();
    expect(await assessmentSummaryFor(t.testDb.db.kysely, 'demo-patient-2', later.json().id)).toBeNull();
    expect(await assessmentSummaryFor(t.testDb.db.kysely, 'demo-patient-1', later.json().id)).toContain(
      'Norwood–Hamilton III-vertex',
    );
  });
});
