import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

const STARTED_STATUSES = ['active', 'completed', 'stopped'] as const;

export interface CohortPlanRow {
  plan_id: string;
  patient_id: string;
  created_at: number | string;
  first_session_at: number | string | null;
  provider_id: string | null;
}

/**
 * Every started plan of a treatment with its first session and that session's provider. A plan
 * that was only proposed has not started; a medication plan without sessions starts when created.
 */
export async function listCohortPlans(db: Kysely<Database>, treatmentSlug: string): Promise<CohortPlanRow[]> {
  return db
    .selectFrom('treatment_plans as p')
    .select((eb) => [
      'p.id as plan_id',
      'p.patient_id',
      'p.created_at',
      eb
        .selectFrom('treatment_sessions as s')
        .select((e) => e.fn.min('s.performed_at').as('m'))
        .whereRef('s.plan_id', '=', 'p.id')
        .as('first_session_at'),
      eb
        .selectFrom('treatment_sessions as s')
        .select('s.provider_id')
        .whereRef('s.plan_id', '=', 'p.id')
        .orderBy('s.performed_at')
        .orderBy('s.id')
        .limit(1)
        .as('provider_id'),
    ])
    .where('p.treatment_slug', '=', treatmentSlug)
    .where('p.status', 'in', STARTED_STATUSES)
    .execute() as Promise<CohortPlanRow[]>;
}

export interface EffectiveMeasurementRow {
  auto_id: string;
  patient_id: string;
  site: string;
  taken_at: number | string;
  /** The automatic row's engine verdict (JSON text): a correction does not clear a flag on the image. */
  quality_json: string | null;
  um_per_px: number | string | null;
  photo_view: string | null;
  photo_um_per_px: number | string | null;
  /** Source of the value that counts: 'auto', or the latest row correcting it ('corrected', 'verified'). */
  effective_source: string;
  hair_count: number | string;
  density_per_cm2: number | string;
  mean_diameter_um: number | string;
  vellus_ratio: number | string;
  area_cm2: number | string;
}

/**
 * THE effective measurement, for every automatic measurement of the patients with a started plan of
 * the treatment: the latest row whose `corrects_id` is the automatic one (whatever its source: a
 * clinician's correction or a verification), else the automatic row itself. Rows are never changed,
 * so this query is the one place that decides which value counts.
 */
export async function listEffectiveMeasurements(
  db: Kysely<Database>,
  treatmentSlug: string,
): Promise<EffectiveMeasurementRow[]> {
  const res = await sql<EffectiveMeasurementRow>`
    select a.id as auto_id, a.patient_id, a.site, a.taken_at, a.quality_json, a.um_per_px,
      ph.view as photo_view, ph.um_per_px as photo_um_per_px,
      coalesce(e.source, a.source) as effective_source,
      coalesce(e.hair_count, a.hair_count) as hair_count,
      coalesce(e.density_per_cm2, a.density_per_cm2) as density_per_cm2,
      coalesce(e.mean_diameter_um, a.mean_diameter_um) as mean_diameter_um,
      coalesce(e.vellus_ratio, a.vellus_ratio) as vellus_ratio,
      coalesce(e.area_cm2, a.area_cm2) as area_cm2
    from measurements a
    left join measurements e on e.id = (
      select c.id from measurements c where c.corrects_id = a.id
      order by c.created_at desc, c.id desc limit 1)
    left join photos ph on ph.id = a.photo_id
    where a.corrects_id is null
      and a.patient_id in (
        select p.patient_id from treatment_plans p
        where p.treatment_slug = ${treatmentSlug} and p.status in ('active', 'completed', 'stopped'))`.execute(
    db,
  );
  return res.rows;
}

/** Latest session per patient, and the count of this treatment's sessions, for the cohort's patients. */
export async function listSessionStats(
  db: Kysely<Database>,
  treatmentSlug: string,
): Promise<{ patient_id: string; last_at: number | string | null; treatment_sessions: number | string }[]> {
  const res = await sql<{
    patient_id: string;
    last_at: number | string | null;
    treatment_sessions: number | string;
  }>`
    select s.patient_id, max(s.performed_at) as last_at,
      sum(case when s.treatment_slug = ${treatmentSlug} then 1 else 0 end) as treatment_sessions
    from treatment_sessions s
    where s.patient_id in (
      select p.patient_id from treatment_plans p
      where p.treatment_slug = ${treatmentSlug} and p.status in ('active', 'completed', 'stopped'))
    group by s.patient_id`.execute(db);
  return res.rows;
}

/** Side-effect reports linked to the treatment (severity 0–10), with their patient. */
export async function listSideEffectSeverities(
  db: Kysely<Database>,
  treatmentSlug: string,
): Promise<{ patient_id: string; severity: number }[]> {
  return db
    .selectFrom('side_effect_reports')
    .select(['patient_id', 'severity'])
    .where('treatment_slug', '=', treatmentSlug)
    .execute();
}

export async function listProviderNames(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('providers').select(['id', 'name']).execute();
}

/** Treatments with at least one started plan, for the report's treatment filter. */
export async function listStartedTreatments(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('treatment_plans')
    .select('treatment_slug')
    .distinct()
    .where('status', 'in', STARTED_STATUSES)
    .orderBy('treatment_slug')
    .execute();
  return rows.map((r) => r.treatment_slug);
}
