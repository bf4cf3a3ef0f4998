import type { AssessmentDto, CandidacyResultDto } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AssessmentTable } from './assessments.table';

function toDto(r: AssessmentTable): AssessmentDto {
  return {
    id: r.id,
    patientId: r.patient_id,
    createdAt: Number(r.created_at),
    input: JSON.parse(r.input_json) as Record<string, unknown>,
    result: JSON.parse(r.result_json) as CandidacyResultDto,
    summary: r.summary,
  };
}

export async function insertAssessment(db: Kysely<Database>, row: AssessmentTable): Promise<void> {
  await db.insertInto('assessments').values(row).execute();
}

/** A patient's assessments, newest first. */
export async function listAssessments(db: Kysely<Database>, patientId: string): Promise<AssessmentDto[]> {
  const rows = await db
    .selectFrom('assessments')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map(toDto);
}

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
