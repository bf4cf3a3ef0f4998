import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertAuditEntry } from './audit.repository';

export interface AuditEvent {
  action: string;
  resource: string;
  resourceId?: string | null;
  patientId?: string | null;
  detail?: string | null;
}

/** Records who did what to which record, when and from where, for the request's actor. */
export function audit(req: FastifyRequest, event: AuditEvent, db?: Kysely<Database>): Promise<void> {
  return insertAuditEntry(db ?? req.server.deps.db.kysely, {
    ...event,
    at: req.server.deps.clock.now(),
    actorId: req.actor?.userId ?? null,
    actorRole: req.actor?.role ?? null,
    ip: req.ip,
  });
}
