import type { SideEffectReport, SideEffectReview } from '@anagen/core/contracts';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { CareAlertTable, SideEffectReportTable } from './side-effects.table';

/** The API status: a stored `open` report whose latest outcome is `monitoring` is under monitoring. */
function apiStatus(r: Selectable<SideEffectReportTable>): SideEffectReport['status'] {
  if (r.status === 'open' && r.outcome === 'monitoring') return 'monitoring';
  return r.status;
}

export function toReport(
  r: Selectable<SideEffectReportTable>,
  reviews: SideEffectReview[] = [],
): SideEffectReport {
  return {
    id: r.id,
    patientId: r.patient_id,
    sessionId: r.session_id,
    treatmentSlug: r.treatment_slug,
    symptoms: JSON.parse(r.symptoms_json),
    severity: Number(r.severity),
    onsetAt: Number(r.onset_at),
    note: r.note,
    urgency: r.urgency,
    reasons: JSON.parse(r.reasons_json),
    reviewDueAt: Number(r.review_due_at),
    status: apiStatus(r),
    assessment: r.assessment,
    outcome: r.outcome,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at === null ? null : Number(r.reviewed_at),
    createdAt: Number(r.created_at),
    followUpAt: r.follow_up_at === null ? null : Number(r.follow_up_at),
    reviews,
  };
}

/** Review histories of the given reports, oldest first, keyed by report id. */
async function reviewsOf(
  db: Kysely<Database>,
  reportIds: string[],
): Promise<Map<string, SideEffectReview[]>> {
  const out = new Map<string, SideEffectReview[]>();
  if (!reportIds.length) return out;
  const rows = await db
    .selectFrom('side_effect_reviews as v')
    .leftJoin('users as u', 'u.id', 'v.reviewed_by')
    .select([
      'v.report_id',
      'v.assessment',
      'v.outcome',
      'v.follow_up_at',
      'v.reviewed_by',
      'v.reviewed_at',
      'u.name as reviewer_name',
    ])
    .where('v.report_id', 'in', reportIds)
    .orderBy('v.reviewed_at')
    .orderBy('v.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.report_id) ?? [];
    list.push({
      assessment: r.assessment,
      outcome: r.outcome,
      followUpAt: r.follow_up_at === null ? null : Number(r.follow_up_at),
      reviewedBy: r.reviewed_by,
      reviewedByName: r.reviewer_name ?? null,
      reviewedAt: Number(r.reviewed_at),
    });
    out.set(r.report_id, list);
  }
  return out;
}

/** One report as the API gives it, with its review history; null when it does not exist. */
export async function getReport(db: Kysely<Database>, id: string): Promise<SideEffectReport | null> {
  const row = await findReport(db, id);
  if (!row) return null;
  return toReport(row, (await reviewsOf(db, [id])).get(id) ?? []);
}

export async function listReports(db: Kysely<Database>, patientId: string): Promise<SideEffectReport[]> {
  const rows = await db
    .selectFrom('side_effect_reports')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const reviews = await reviewsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toReport(r, reviews.get(r.id) ?? []));
}

export async function findReport(db: Kysely<Database>, id: string) {
  return db.selectFrom('side_effect_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReport(
  db: Kysely<Database>,
  row: Selectable<SideEffectReportTable>,
): Promise<void> {
  await db.insertInto('side_effect_reports').values(row).execute();
}

export async function insertAlert(db: Kysely<Database>, row: Selectable<CareAlertTable>): Promise<void> {
  await db.insertInto('care_alerts').values(row).execute();
}

/**
 * Records a review in `trx`: `monitoring` keeps the report open with its follow-up date, any other
 * outcome closes it. Every review is added to the history. Returns false when the report was closed
 * already, or was reviewed since the reviewer's screen showed it (`expectReviewedAt`).
 */
export async function recordReview(
  trx: Transaction<Database>,
  id: string,
  r: {
    assessment: string;
    outcome: string;
    followUpAt: number | null;
    userId: string;
    now: number;
    expectReviewedAt: number | null;
  },
): Promise<boolean> {
  const monitoring = r.outcome === 'monitoring';
  // Only an open report, as last seen: a second review from a stale screen must not overwrite the
  // first, and a closed report stays closed.
  let q = trx
    .updateTable('side_effect_reports')
    .set({
      status: monitoring ? 'open' : 'reviewed',
      assessment: r.assessment,
      outcome: r.outcome,
      follow_up_at: monitoring ? r.followUpAt : null,
      reviewed_by: r.userId,
      reviewed_at: r.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'open');
  q =
    r.expectReviewedAt === null
      ? q.where('reviewed_at', 'is', null)
      : q.where('reviewed_at', '=', r.expectReviewedAt);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('side_effect_reviews')
    .values({
      id: newId(),
      report_id: id,
      assessment: r.assessment,
      outcome: r.outcome,
      follow_up_at: monitoring ? r.followUpAt : null,
      reviewed_by: r.userId,
      reviewed_at: r.now,
    })
    .execute();
  // Reviewing an urgent report answers its alert too.
  await trx
    .updateTable('care_alerts')
    .set({ acknowledged_at: r.now, acknowledged_by: r.userId })
    .where('report_id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();
  return true;
}

/** Reports under monitoring, soonest follow-up first (for the staff Today page). */
export async function listFollowUps(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('side_effect_reports as r')
    .innerJoin('patients as p', 'p.id', 'r.patient_id')
    .select(['r.id', 'r.patient_id', 'p.name as patient_name', 'r.follow_up_at'])
    .where('r.status', '=', 'open')
    .where('r.outcome', '=', 'monitoring')
    .where('r.follow_up_at', 'is not', null)
    .orderBy('r.follow_up_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export async function listAlerts(db: Kysely<Database>, opts: { openOnly: boolean; limit: number }) {
  let q = db
    .selectFrom('care_alerts as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('side_effect_reports as r', 'r.id', 'a.report_id')
    .select([
      'a.id',
      'a.kind',
      'a.patient_id',
      'p.name as patient_name',
      'p.phone as patient_phone',
      'p.email as patient_email',
      'a.report_id',
      'a.created_at',
      'a.acknowledged_at',
      'r.reasons_json',
    ]);
  if (opts.openOnly) q = q.where('a.acknowledged_at', 'is', null);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id').limit(opts.limit).execute();
}

/** Acknowledges an open alert; returns false when it does not exist or was already acknowledged. */
export async function acknowledgeAlert(
  db: Kysely<Database>,
  id: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('care_alerts')
    .set({ acknowledged_at: now, acknowledged_by: userId })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Signed sessions and side-effect reports per treatment in [from, to). */
export async function sideEffectCounts(db: Kysely<Database>, from: number | null, to: number | null) {
  let sessions = db
    .selectFrom('treatment_sessions')
    .select(['treatment_slug', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'signed');
  if (from !== null) sessions = sessions.where('performed_at', '>=', from);
  if (to !== null) sessions = sessions.where('performed_at', '<', to);
  let reports = db
    .selectFrom('side_effect_reports')
    .select([
      'treatment_slug',
      (eb) => eb.fn.countAll().as('n'),
      (eb) => eb.fn.sum(eb.case().when('urgency', '=', 'urgent').then(1).else(0).end()).as('urgent'),
    ]);
  if (from !== null) reports = reports.where('created_at', '>=', from);
  if (to !== null) reports = reports.where('created_at', '<', to);
  return {
    sessions: await sessions.groupBy('treatment_slug').execute(),
    reports: await reports.groupBy('treatment_slug').execute(),
  };
}

export function findAlert(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('care_alerts')
    .select(['id', 'patient_id', 'created_at', 'acknowledged_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active clinicians by email (only `onlyId` when given, which may be none if that account closed). */
export function activeClinicians(db: Kysely<Database>, onlyId?: string) {
  let q = db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('role', '=', 'clinician')
    .where('active', '=', 1);
  if (onlyId !== undefined) q = q.where('id', '=', onlyId);
  return q.orderBy('email').execute();
}

export function findFollowUpState(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom('side_effect_reports')
    .select(['id', 'status', 'outcome', 'follow_up_at'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

export function findReportWithPatient(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom('side_effect_reports as r')
    .innerJoin('patients as pt', 'pt.id', 'r.patient_id')
    .select(['r.id', 'r.patient_id', 'r.created_at', 'pt.name', 'pt.email'])
    .where('r.id', '=', reportId)
    .executeTakeFirst();
}

export function findSessionTreatment(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('treatment_sessions')
    .select(['patient_id', 'treatment_slug'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
}
