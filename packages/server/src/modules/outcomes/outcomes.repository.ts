import {
  BASELINE_AFTER_MS,
  BASELINE_BEFORE_MS,
  FOLLOW_UP_MONTHS,
  FOLLOW_UP_WINDOW_MS,
  MONTH_MS,
} from '@anagen/core/outcomes';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

// listCohortPlans, listEffectiveMeasurements, listLastMeasurementAt and listSessionStats read one
// treatment's cohort the way the outcomes page did before its summaries (decision 223). The page
// no longer calls them: they are the reference the summaries are tested against
// (outcome-summaries.routes.test.ts) and the baseline of the benchmark.

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
  return (
    db
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
      // Between two plans starting at the same instant, the one created first counts.
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute() as Promise<CohortPlanRow[]>
  );
}

export interface EffectiveMeasurementRow {
  patient_id: string;
  site: string;
  taken_at: number | string;
  /** The automatic row's engine verdict (JSON text): a correction does not clear a flag on the image. */
  quality_json: string | null;
  /**
   * 1 when the automatic row has a photo and the calibration the engine used: the analysis job runs
   * only on calibrated trichoscopy photos, so that marks a standardized image.
   */
  standardized: number | string;
  /** Source of the value that counts: 'auto', or the latest row correcting it ('corrected', 'verified'). */
  effective_source: string;
  hair_count: number | string;
  density_per_cm2: number | string;
  mean_diameter_um: number | string;
  vellus_ratio: number | string;
  area_cm2: number | string;
}

/** Only measurements in these windows can count, so only they are read (see compute-outcomes). */
export const WINDOWS: MeasurementWindows = {
  baselineBefore: BASELINE_BEFORE_MS,
  baselineAfter: BASELINE_AFTER_MS,
  targets: FOLLOW_UP_MONTHS.map((m) => m * MONTH_MS),
  halfWidth: FOLLOW_UP_WINDOW_MS,
};

/** Where a measurement can count, relative to each patient's start (ms): baseline and follow-up windows. */
export interface MeasurementWindows {
  baselineBefore: number;
  baselineAfter: number;
  /** Offsets of the follow-up targets from the start. */
  targets: readonly number[];
  halfWidth: number;
}

// Each patient's start of this treatment: their earliest started plan's first session, or the plan's
// creation when it has no session (a medicine). Shared by the queries below so they agree. The first
// session is one probe of treatment_sessions(plan_id, performed_at) per plan: a join with GROUP BY
// read every session of the clinic (147,717 at 1M measurements) to keep a tenth of them.
const startsCte = (treatmentSlug: string) => sql`
  starts as (
    select p.patient_id,
      min(coalesce(
        (select min(s.performed_at) from treatment_sessions s where s.plan_id = p.id),
        p.created_at)) as start_at
    from treatment_plans p
    where p.treatment_slug = ${treatmentSlug} and p.status in ('active', 'completed', 'stopped')
    group by p.patient_id)`;

/**
 * THE effective measurement, for every automatic measurement of the patients with a started plan of
 * the treatment that falls in a window where it can count: the latest row whose `corrects_id` is the
 * automatic one (whatever its source: a clinician's correction or a verification), else the automatic
 * row itself. Rows come by patient and time taken, then as written (created_at, id): between two
 * equally close measurements the calculation counts the first (the order of
 * listEffectiveMeasurementsOf, which the summaries are built from).
 */
export async function listEffectiveMeasurements(
  db: Kysely<Database>,
  treatmentSlug: string,
  w: MeasurementWindows,
): Promise<EffectiveMeasurementRow[]> {
  return (await effectiveMeasurementsQuery(treatmentSlug, w).execute(db)).rows;
}

/** The query of listEffectiveMeasurements. */
function effectiveMeasurementsQuery(treatmentSlug: string, w: MeasurementWindows) {
  const inWindow = sql.join(
    [
      sql`(a.taken_at >= st.start_at - ${w.baselineBefore} and a.taken_at <= st.start_at + ${w.baselineAfter})`,
      ...w.targets.map(
        (t) =>
          sql`(a.taken_at >= st.start_at + ${t - w.halfWidth} and a.taken_at <= st.start_at + ${t + w.halfWidth})`,
      ),
    ],
    sql` or `,
  );
  // The span of all windows, implied by them: it makes taken_at a range of the index scan, so the
  // measurements after the last window (years of them for a long-treated patient) are not read.
  const lo = Math.min(-w.baselineBefore, ...w.targets.map((t) => t - w.halfWidth));
  const hi = Math.max(w.baselineAfter, ...w.targets.map((t) => t + w.halfWidth));
  // Corrections are few: they are found per cohort patient through a partial index and ranked
  // once, instead of one correlated lookup per automatic row (8.5 s at 1,000,000 on PostgreSQL).
  // Only what the calculation needs leaves the database (80,000 rows at 1M): no ids, and the
  // standardized-image test is done here.
  return sql<EffectiveMeasurementRow>`
    with ${startsCte(treatmentSlug)},
    corr as (
      select c.corrects_id, c.source, c.hair_count, c.density_per_cm2, c.mean_diameter_um,
        c.vellus_ratio, c.area_cm2,
        row_number() over (partition by c.corrects_id order by c.created_at desc, c.id desc) as rn
      from starts sc
      join measurements c on c.patient_id = sc.patient_id and c.corrects_id is not null)
    select a.patient_id, a.site, a.taken_at, a.quality_json,
      case when a.photo_id is not null and a.um_per_px is not null then 1 else 0 end as standardized,
      coalesce(e.source, a.source) as effective_source,
      coalesce(e.hair_count, a.hair_count) as hair_count,
      coalesce(e.density_per_cm2, a.density_per_cm2) as density_per_cm2,
      coalesce(e.mean_diameter_um, a.mean_diameter_um) as mean_diameter_um,
      coalesce(e.vellus_ratio, a.vellus_ratio) as vellus_ratio,
      coalesce(e.area_cm2, a.area_cm2) as area_cm2
    from starts st
    join measurements a on a.patient_id = st.patient_id
    left join corr e on e.corrects_id = a.id and e.rn = 1
    where a.corrects_id is null
      and a.taken_at >= st.start_at + ${lo} and a.taken_at <= st.start_at + ${hi}
      and (${inWindow})
    order by a.patient_id, a.taken_at, a.created_at, a.id`;
}

/** Each cohort patient's latest measurement (any site, any quality): whether follow-up went on. */
export async function listLastMeasurementAt(
  db: Kysely<Database>,
  treatmentSlug: string,
): Promise<{ patient_id: string; last_at: number | string | null }[]> {
  const res = await sql<{ patient_id: string; last_at: number | string | null }>`
    with ${startsCte(treatmentSlug)}
    select st.patient_id,
      (select max(m.taken_at) from measurements m where m.patient_id = st.patient_id) as last_at
    from starts st`.execute(db);
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
