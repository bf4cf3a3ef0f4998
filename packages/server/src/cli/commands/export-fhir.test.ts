import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { exportFhirCommand } from './export-fhir';

// The CLI's export and the API's are one use case (exportPatientFhir): the same patient gives the
// same bundle both ways. The CLI once built its own and left out the outcome questionnaires.
describe.each(DIALECTS)('export-fhir and the FHIR route on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());
  // The command opens the database from its config, as `anagen` does: the test app's own database.
  const cliConfig = () => ({ ...t.deps.config, databaseUrl: t.testDb.url });

  it('print the same bundle the route answers', async () => {
    const cookie = await signIn(t.app, 'clinician@example.com');
    const res = await t.app.inject({
      url: '/api/fhir/Patient/demo-patient-1/$everything',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const fromRoute = res.json();

    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      await exportFhirCommand(cliConfig(), t.deps.clock, 'demo-patient-1');
    } finally {
      write.mockRestore();
    }
    const fromCli = JSON.parse(printed);
    expect(fromCli.entry.length).toBeGreaterThan(1);
    expect(fromCli).toEqual(fromRoute);

    const audited = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'patient_id'])
      .where('action', '=', 'fhir.export')
      .where('actor_role', '=', 'cli')
      .execute();
    expect(audited).toEqual([{ actor_role: 'cli', patient_id: 'demo-patient-1' }]);
  });

  it('says which patient is unknown', async () => {
    await expect(exportFhirCommand(cliConfig(), t.deps.clock, 'nobody')).rejects.toThrow(
      'no patient with id nobody',
    );
  });
});
