import type { SideEffectReport } from '@anagen/core/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { CareAlertTable, SideEffectReportTable } from './side-effects.table';

export function toReport(r: Selectable<SideEffectReportTable>): SideEffectReport {
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
    status: r.status,
    assessment: r.assessment,
    outcome: r.outcome,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at === null ? null : Number(r.reviewed_at),
    createdAt: Number(r.created_at),
  };
}

export async function listReports(db: Kysely<Database>, patientId: string): Promise<SideEffectReport[]> {
  const rows = await db
    .selectFrom('side_effect_reports')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toReport);
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

export async function recordReview(
  db: Kysely<Database>,
  id: string,
  r: { assessment: string; outcome: string; userId: string; now: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Only an open report: a second review (from a stale screen) must not erase the first.
    const res = await trx
      .updateTable('side_effect_reports')
      .set({
        status: 'reviewed',
        assessment: r.assessment,
        outcome: r.outcome,
        reviewed_by: r.userId,
        reviewed_at: r.now,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    // Reviewing an urgent report answers its alert too.
    await trx
      .updateTable('care_alerts')
      .set({ acknowledged_at: r.now, acknowledged_by: r.userId })
      .where('report_id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute();
    return true;
  });
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
