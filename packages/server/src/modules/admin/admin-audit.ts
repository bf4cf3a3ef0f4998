import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { audit } from '../audit/audit.service';

/**
 * Audits an admin change inside the change's own transaction, so there is never a change without
 * its audit entry (or an entry for a change that rolled back).
 */
export function auditChange(
  req: FastifyRequest,
  trx: Kysely<Database>,
  action: string,
  resource: string,
  resourceId: string | null,
  detail?: unknown,
): Promise<void> {
  return audit(
    req,
    {
      action: `admin.${action}`,
      resource,
      resourceId,
      detail: detail === undefined ? null : JSON.stringify(detail).slice(0, 2000),
    },
    trx,
  );
}
