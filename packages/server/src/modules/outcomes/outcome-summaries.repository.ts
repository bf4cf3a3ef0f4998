import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../db/migrations/helpers';
import type { Database } from '../../db/schema';
import type { EffectiveMeasurementRow } from './outcomes.repository';
import type { OutcomeSummaryTable } from './outcomes.table';

/**
 * Are there patients whose summaries are out of date? A read of the partial index on
 * `patients.outcomes_stale`, so the outcomes page pays nothing when there are none.
 */
export async function anyStaleOutcomePatient(db: Kysely<Database>): Promise<boolean> {
  const res = await sql<{ id: string }>`
    select id from patients where outcomes_stale = 1 limit 1`.execute(db);
  return res.rows.length > 0;
}

/**
 * Takes every marked patient: clears the mark and returns their ids. In the transaction that
 * rebuilds them, so on PostgreSQL the row locks make a concurrent writer (whose trigger marks the
 * patient again) and a concurrent rebuild of the same patient wait for this one to commit.
 */
export async function claimStaleOutcomePatients(db: Kysely<Database>): Promise<string[]> {
  // PostgreSQL: locked in id order, as the triggers lock them (migration 2026_12_10_0100), so a
  // rebuild and a write touching two patients cannot wait for each other. SQLite has one writer.
  const lock = isPostgres(db) ? sql`order by id for update` : sql``;
  const res = await sql<{ id: string }>`
    update patients set outcomes_stale = 0
    where id in (select id from patients where outcomes_stale = 1 ${lock})
    returning id`.execute(db);
  return res.rows.map((r) => r.id).sort();
}

const ids = (patientIds: readonly string[]) => sql.join(patientIds.map((id) => sql`${id}`));

export interface PatientPlanRow {
  patient_id: string;
  treatment_slug: string;
  created_at: number | string;
  first_session_at: number | string | null;
  provider_id: string | null;
}

/**
 * The patients' started plans (`active`, `completed`, `stopped`), each with its first session and
 * that session's provider: the rule of listCohortPlans, for given patients and every treatment.
 */
export async function listStartedPlansOf(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<PatientPlanRow[]> {
  const res = await sql<PatientPlanRow>`
    select p.patient_id, p.treatment_slug, p.created_at,
      (select min(s.performed_at) from treatment_sessions s where s.plan_id = p.id) as first_session_at,
      (select s.provider_id from treatment_sessions s where s.plan_id = p.id
        order by s.performed_at, s.id limit 1) as provider_id
    from treatment_plans p
    where p.patient_id in (${ids(patientIds)})
      and p.status in ('active', 'completed', 'stopped')
    order by p.patient_id, p.created_at, p.id`.execute(db);
  return res.rows;
}

/**
 * Every effective measurement of the patients (rule of listEffectiveMeasurements: the latest row
 * correcting an automatic one, else the automatic row), in the order the calculation reads them:
 * by time taken, then as written (created_at, id) — between two equally close measurements the first
 * one counts.
 */
export async function listEffectiveMeasurementsOf(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<(EffectiveMeasurementRow & { patient_id: string })[]> {
  const res = await sql<EffectiveMeasurementRow & { patient_id: string }>`
    with corr as (
      select c.corrects_id, c.source, c.hair_count, c.density_per_cm2, c.mean_diameter_um,
        c.vellus_ratio, c.area_cm2,
        row_number() over (partition by c.corrects_id order by c.created_at desc, c.id desc) as rn
      from measurements c
      where c.patient_id in (${ids(patientIds)}) and c.corrects_id is not null)
    select a.patient_id, a.site, a.taken_at, a.quality_json,
      case when a.photo_id is not null and a.um_per_px is not null then 1 else 0 end as standardized,
      coalesce(e.source, a.source) as effective_source,
      coalesce(e.hair_count, a.hair_count) as hair_count,
      coalesce(e.density_per_cm2, a.density_per_cm2) as density_per_cm2,
      coalesce(e.mean_diameter_um, a.mean_diameter_um) as mean_diameter_um,
      coalesce(e.vellus_ratio, a.vellus_ratio) as vellus_ratio,
      coalesce(e.area_cm2, a.area_cm2) as area_cm2
    from measurements a
    left join corr e on e.corrects_id = a.id and e.rn = 1
    where a.patient_id in (${ids(patientIds)}) and a.corrects_id is null
    order by a.patient_id, a.taken_at, a.created_at, a.id`.execute(db);
  return res.rows;
}

/** Per patient and treatment: sessions recorded and the latest one's time (any plan, any status). */
export async function listSessionTotalsOf(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<
  {
    patient_id: string;
    treatment_slug: string | null;
    sessions: number | string;
    last_at: number | string | null;
  }[]
> {
  const res = await sql<{
    patient_id: string;
    treatment_slug: string | null;
    sessions: number | string;
    last_at: number | string | null;
  }>`
    select patient_id, treatment_slug, count(*) as sessions, max(performed_at) as last_at
    from treatment_sessions
    where patient_id in (${ids(patientIds)})
    group by patient_id, treatment_slug`.execute(db);
  return res.rows;
}

/** Each patient's latest measurement of any kind (any site, any quality, corrections included). */
export async function listLastMeasurementAtOf(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<{ patient_id: string; last_at: number | string | null }[]> {
  const res = await sql<{ patient_id: string; last_at: number | string | null }>`
    select patient_id, max(taken_at) as last_at from measurements
    where patient_id in (${ids(patientIds)})
    group by patient_id`.execute(db);
  return res.rows;
}

/** Replaces every summary row of the patients (none left for a patient without rows). */
export async function replaceOutcomeSummaries(
  db: Kysely<Database>,
  patientIds: readonly string[],
  rows: readonly OutcomeSummaryTable[],
): Promise<void> {
  if (patientIds.length === 0) return;
  await db.deleteFrom('outcome_summaries').where('patient_id', 'in', patientIds).execute();
  // Within both dialects' parameter limits (9 columns a row).
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('outcome_summaries')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

export type OutcomeSummaryRow = Omit<OutcomeSummaryTable, 'treatment_slug' | 'site'>;

/** The summaries of one treatment's cohort, for all sites ('') or one site. */
export async function listOutcomeSummaries(
  db: Kysely<Database>,
  treatmentSlug: string,
  site: string,
): Promise<OutcomeSummaryRow[]> {
  return db
    .selectFrom('outcome_summaries')
    .select([
      'patient_id',
      'start_at',
      'provider_id',
      'last_contact_at',
      'last_measurement_at',
      'treatment_sessions',
      'outcome_json',
    ])
    .where('treatment_slug', '=', treatmentSlug)
    .where('site', '=', site)
    .execute();
}
