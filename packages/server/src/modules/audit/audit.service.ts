import type { Actor } from '@anagen/core/access';
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

/**
 * Who acted, when and from where: everything an audit entry takes from its surroundings. A request
 * supplies it through `audit(req, …)`; a use case, the CLI or a job passes it explicitly, so recording
 * does not need HTTP. `at` comes from the caller's clock so tests and the CLI control it.
 */
export interface AuditActor {
  actor: Actor | null;
  at: number;
  ip: string | null;
}

/** Records who did what to which record, when and from where. Pass a transaction to commit with it. */
export function recordAudit(db: Kysely<Database>, by: AuditActor, event: AuditEvent): Promise<void> {
  return insertAuditEntry(db, {
    ...event,
    at: by.at,
    actorId: by.actor?.userId ?? null,
    actorRole: by.actor?.role ?? null,
    ip: by.ip,
  });
}

/**
 * What the route adapters below read from a request. Spelled out instead of importing fastify's
 * type, so this module (and every use case importing recordAudit) stays free of HTTP.
 */
interface AuditedRequest {
  actor: Actor | null;
  ip: string;
  server: { deps: { clock: { now(): number }; db: { kysely: Kysely<Database> } } };
}

/** The request's side of an audit entry: its actor, the server clock's now, its client address. */
export function auditActorOf(req: AuditedRequest): AuditActor {
  return { actor: req.actor, at: req.server.deps.clock.now(), ip: req.ip };
}

/** Records an entry for the request's actor; a thin adapter over recordAudit for route code. */
export function audit(req: AuditedRequest, event: AuditEvent, db?: Kysely<Database>): Promise<void> {
  return recordAudit(db ?? req.server.deps.db.kysely, auditActorOf(req), event);
}
