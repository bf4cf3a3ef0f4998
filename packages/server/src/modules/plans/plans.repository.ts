import { planProgress } from '@anagen/core/care';
import type { Diagnosis, Plan } from '@anagen/core/contracts';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type { DiagnosisTable, TreatmentPlanTable } from './plans.table';

function toPlan(r: Selectable<TreatmentPlanTable>, signedSessions: number): Plan {
  return {
    id: r.id,
    patientId: r.patient_id,
    treatmentSlug: r.treatment_slug,
    sessionsPlanned: Number(r.sessions_planned),
    intervalWeeks: Number(r.interval_weeks),
    maintenanceIntervalWeeks:
      r.maintenance_interval_weeks === null ? null : Number(r.maintenance_interval_weeks),
    maintenanceNote: r.maintenance_note,
    goal: r.goal,
    status: r.status,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    progress: planProgress(Number(r.sessions_planned), signedSessions),
  };
}

async function signedCounts(db: Kysely<Database>, planIds: string[]): Promise<Map<string, number>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .selectFrom('treatment_sessions')
    .select(['plan_id', (eb) => eb.fn.countAll().as('n')])
    .where('plan_id', 'in', planIds)
    .where('status', '=', 'signed')
    .groupBy('plan_id')
    .execute();
  return new Map(rows.map((r) => [r.plan_id as string, Number(r.n)]));
}

/** A patient's plans, newest first, each with its progress through the planned sessions. */
export async function listPlans(db: Kysely<Database>, patientId: string): Promise<Plan[]> {
  const rows = await db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const counts = await signedCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toPlan(r, counts.get(r.id) ?? 0));
}

export async function findPlan(db: Kysely<Database>, planId: string): Promise<Plan | null> {
  const row = await db.selectFrom('treatment_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) return null;
  return toPlan(row, (await signedCounts(db, [row.id])).get(row.id) ?? 0);
}

export async function insertPlan(db: Kysely<Database>, row: Selectable<TreatmentPlanTable>): Promise<void> {
  await db.insertInto('treatment_plans').values(row).execute();
}

export async function updatePlan(
  db: Kysely<Database>,
  planId: string,
  patch: Updateable<TreatmentPlanTable>,
): Promise<void> {
  await db.updateTable('treatment_plans').set(patch).where('id', '=', planId).execute();
}

function toDiagnosis(r: Selectable<DiagnosisTable>): Diagnosis {
  return {
    id: r.id,
    patientId: r.patient_id,
    lossType: r.loss_type as Diagnosis['lossType'],
    scale: r.scale as Diagnosis['scale'],
    stage: r.stage,
    diagnosedAt: Number(r.diagnosed_at),
    source: r.source,
    notes: r.notes,
    recordedBy: r.recorded_by,
  };
}

/** Diagnoses over time, oldest first, so the chart reads as a history. */
export async function listDiagnoses(db: Kysely<Database>, patientId: string): Promise<Diagnosis[]> {
  const rows = await db
    .selectFrom('diagnoses')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('diagnosed_at')
    .orderBy('id')
    .execute();
  return rows.map(toDiagnosis);
}

export async function insertDiagnosis(
  db: Kysely<Database>,
  row: Selectable<DiagnosisTable>,
): Promise<Diagnosis> {
  await db.insertInto('diagnoses').values(row).execute();
  return toDiagnosis(row);
}

const CONSULTATION_TYPE_SLUG = 'consultation';

/**
 * Whether a consultation has taken place for the patient: a consultation appointment that was
 * checked in or completed, or that ended in the past without being cancelled or marked no-show;
 * or clinical evidence of one (a clinician-recorded diagnosis or a signed session record).
 */
export async function consultationDone(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<boolean> {
  const appt = await db
    .selectFrom('appointments')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .select('appointments.id')
    .where('appointments.patient_id', '=', patientId)
    .where('appointment_types.slug', '=', CONSULTATION_TYPE_SLUG)
    .where((eb) =>
      eb.or([
        eb('appointments.status', 'in', ['checked-in', 'completed']),
        eb.and([eb('appointments.status', '=', 'booked'), eb('appointments.end_at', '<=', now)]),
      ]),
    )
    .executeTakeFirst();
  if (appt) return true;
  const diagnosis = await db
    .selectFrom('diagnoses')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('source', '=', 'clinician')
    .executeTakeFirst();
  if (diagnosis) return true;
  const session = await db
    .selectFrom('treatment_sessions')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'signed')
    .executeTakeFirst();
  return !!session;
}

/** A procedure booked without a consultation: who overrode the rule and why (audited with the booking). */
export async function insertConsultationOverride(
  db: Kysely<Database>,
  row: { id: string; patient_id: string; reason: string; created_by: string | null; created_at: number },
): Promise<void> {
  await db.insertInto('consultation_overrides').values(row).execute();
}
