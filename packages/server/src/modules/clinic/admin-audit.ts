import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/audit.service';

/**
 * Audits an admin change inside the change's own transaction, so there is never a change without
 * its audit entry (or an entry for a change that rolled back). `by` is who changed it (a route
 * passes auditActorOf(req)).
 */
export function auditChange(
  by: AuditActor,
  trx: Kysely<Database>,
  action: string,
  resource: string,
  resourceId: string | null,
  detail?: unknown,
): Promise<void> {
  return recordAudit(trx, by, {
    action: `admin.${action}`,
    resource,
    resourceId,
    detail: detail === undefined ? null : JSON.stringify(detail).slice(0, 2000),
  });
}
