import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The plain-text summary of a patient's most recent saved self-assessment, for pre-filling the
 * consultation notes at booking; null when they have none. The caller has already checked that
 * the actor may read this patient's record (booking their own, or staff booking for them).
 */
export async function latestAssessmentSummary(
  db: Kysely<Database>,
  patientId: string,
): Promise<{ id: string; createdAt: number; summary: string } | null> {
  const row = await db
    .selectFrom('assessments')
    .select(['id', 'created_at', 'summary'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: Number(row.created_at), summary: row.summary } : null;
}

/**
 * The summary of one saved assessment, only when it belongs to `patientId` (a booking link
 * `?assessment=<id>` must not pull in someone else's answers); null otherwise.
 */
export async function assessmentSummaryFor(
  db: Kysely<Database>,
  patientId: string,
  assessmentId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('assessments')
    .select('summary')
    .where('id', '=', assessmentId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return row?.summary ?? null;
}
