import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Every table whose rows belong to one patient through a `patient_id` column. A merge moves all of
 * them; merge.routes.test.ts fails when a table with a patient_id column is missing here, so a new
 * feature cannot silently leave rows behind on a record that is about to disappear. The audit log
 * is left as written: it records what happened to the record under its id at the time.
 */
export const PATIENT_OWNED_TABLES = [
  'appointments',
  'deliveries',
  'diagnoses',
  'treatment_plans',
  'treatment_sessions',
  'consent_signatures',
  'checklist_items',
  'side_effect_reports',
  'care_alerts',
  'consultation_overrides',
  'photos',
  'measurements',
  'assessments',
  'deletion_requests',
  'patient_documents',
  'outcome_questionnaires',
  'publications',
] as const satisfies readonly (keyof Database)[];

/**
 * Tables with a patient_id column that a merge deliberately does not move. Outcome summaries are
 * derived: moving the measurements, plans and sessions marks both records for a rebuild, and the
 * source record's summaries go with it (decision 223).
 */
export const NOT_MOVED = ['audit_log', 'account_tokens', 'outcome_summaries'] as const;

type PatientOwnedTable = (typeof PATIENT_OWNED_TABLES)[number];

export async function countPatientRows(
  db: Kysely<Database>,
  patientId: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of PATIENT_OWNED_TABLES) {
    const row = await db
      .selectFrom(table as PatientOwnedTable)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    if (n > 0) counts[table] = n;
  }
  return counts;
}

/**
 * Why `sourceId` cannot be merged into `keptId`, or null when it can. The record that disappears
 * must have no account: an account's record is only ever the kept one, so nobody loses a sign-in.
 */
export async function mergeBlocker(
  db: Kysely<Database>,
  keptId: string,
  sourceId: string,
): Promise<string | null> {
  if (keptId === sourceId) return 'A record cannot be merged into itself.';
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'user_id'])
    .where('id', 'in', [keptId, sourceId])
    .execute();
  const kept = rows.find((r) => r.id === keptId);
  const source = rows.find((r) => r.id === sourceId);
  if (!kept || !source) return 'One of the two records no longer exists.';
  if (source.user_id !== null && kept.user_id !== null)
    return 'Both records belong to patient accounts; they cannot be merged here.';
  if (source.user_id !== null)
    return 'The record to merge away has a patient account: keep that record and merge the other one into it.';
  const clash = await db
    .selectFrom('consent_signatures as a')
    .innerJoin('consent_signatures as b', 'b.template_id', 'a.template_id')
    .select('a.template_id')
    .where('a.patient_id', '=', sourceId)
    .where('b.patient_id', '=', keptId)
    .executeTakeFirst();
  if (clash) return 'Both records signed the same consent form; ask an administrator to resolve this first.';
  return null;
}

/**
 * Moves everything `sourceId` holds to `keptId` and deletes the source record. Runs inside the
 * caller's transaction, so the move and its audit entry happen entirely or not at all.
 */
export async function moveAndDeletePatient(
  trx: Kysely<Database>,
  keptId: string,
  sourceId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const table of PATIENT_OWNED_TABLES) {
    const res = await trx
      .updateTable(table as PatientOwnedTable)
      .set({ patient_id: keptId })
      .where('patient_id', '=', sourceId)
      .executeTakeFirst();
    const n = Number(res.numUpdatedRows);
    if (n > 0) moved[table] = n;
  }
  await trx.deleteFrom('account_tokens').where('patient_id', '=', sourceId).execute();
  await trx.deleteFrom('patients').where('id', '=', sourceId).execute();
  return moved;
}
