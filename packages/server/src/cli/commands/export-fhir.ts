import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { AppError } from '../../errors';
import type { Clock } from '../../lib/clock';
import { insertAuditEntry } from '../../modules/audit/audit.repository';
import { exportPatientFhir } from '../../modules/fhir/export-patient-fhir';

/**
 * Prints the patient's FHIR R4 `$everything` bundle to stdout, built by the same use case as the
 * API's export; the export is audited as done by the CLI.
 */
export async function exportFhirCommand(config: Config, clock: Clock, patientId: string): Promise<void> {
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    let bundle: Awaited<ReturnType<typeof exportPatientFhir>>;
    try {
      bundle = await exportPatientFhir({ db, clock, config }, null, { patientId });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        throw new Error(`no patient with id ${patientId}`);
      throw err;
    }
    await insertAuditEntry(db.kysely, {
      at: clock.now(),
      actorId: null,
      actorRole: 'cli',
      action: 'fhir.export',
      resource: 'patient',
      resourceId: patientId,
      patientId,
      ip: null,
    });
    process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
  } finally {
    await db.destroy();
  }
}
