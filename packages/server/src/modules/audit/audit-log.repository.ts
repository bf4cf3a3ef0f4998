import { STAFF_ROLES } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditFilter {
  patientId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Inclusive lower bound, epoch ms. */
  fromMs?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  toMs?: number | undefined;
}

/** Position of the last row of a page: rows are ordered newest first by (at, id). */
export interface AuditCursor {
  at: number;
  id: string;
}

export interface AuditRow {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  resource: string;
  resource_id: string | null;
  patient_id: string | null;
  patient_name: string | null;
  ip: string | null;
  detail: string | null;
}

/**
 * Read side of the append-only audit log: filtered, newest first, keyset-paginated so that a page
 * stays correct while new entries keep arriving. There is no update or delete here on purpose.
 */
export async function listAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  after: AuditCursor | null,
  limit: number,
): Promise<AuditRow[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('patients', 'patients.id', 'audit_log.patient_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'users.name as actor_name',
      'audit_log.actor_role',
      'audit_log.action',
      'audit_log.resource',
      'audit_log.resource_id',
      'audit_log.patient_id',
      'patients.name as patient_name',
      'audit_log.ip',
      'audit_log.detail',
    ]);
  if (filter.patientId) q = q.where('audit_log.patient_id', '=', filter.patientId);
  if (filter.actorId) q = q.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.action) {
    const action = filter.action;
    q = q.where((eb) =>
      eb.or([
        eb('audit_log.action', '=', action),
        // substr instead of LIKE: action names contain "." and "-" but an admin may type "_" or "%".
        eb(eb.fn('substr', ['audit_log.action', eb.val(1), eb.val(action.length + 1)]), '=', `${action}.`),
      ]),
    );
  }
  if (filter.fromMs !== undefined) q = q.where('audit_log.at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) q = q.where('audit_log.at', '<', filter.toMs);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('audit_log.at', '<', after.at),
        eb.and([eb('audit_log.at', '=', after.at), eb('audit_log.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, at: Number(r.at) }));
}

export interface AccessRow {
  at: number;
  actor_name: string;
  actor_role: string;
  action: string;
}

/**
 * Staff accesses to one patient's record, newest first. The patient's own actions, anonymous
 * attempts and sign-in events are left out: they are not "someone accessed my record".
 */
export async function listPatientAccess(
  db: Kysely<Database>,
  patientId: string,
  limit: number,
): Promise<AccessRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.at', 'users.name as actor_name', 'audit_log.actor_role', 'audit_log.action'])
    .where('audit_log.patient_id', '=', patientId)
    .where('audit_log.actor_role', 'in', STAFF_ROLES)
    .where((eb) => eb(eb.fn('substr', ['audit_log.action', eb.val(1), eb.val(5)]), '<>', 'auth.'))
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: Number(r.at),
    actor_name: r.actor_name,
    actor_role: r.actor_role ?? 'staff',
    action: r.action,
  }));
}
