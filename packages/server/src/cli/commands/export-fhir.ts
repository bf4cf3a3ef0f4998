import { buildPatientEverything } from '@anagen/core/fhir';
import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { insertAuditEntry } from '../../modules/audit/audit.repository';
import { gatherPatientEverything } from '../../modules/fhir/fhir.repository';

/** Prints the patient's FHIR R4 `$everything` bundle to stdout; the export is audited as done by the CLI. */
export async function exportFhirCommand(config: Config, clock: Clock, patientId: string): Promise<void> {
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const input = await gatherPatientEverything(db.kysely, patientId);
    if (!input) throw new Error(`no patient with id ${patientId}`);
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
    const bundle = buildPatientEverything(input, clock.now(), `${config.publicUrl}/api/fhir`);
    process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
  } finally {
    await db.destroy();
  }
}
