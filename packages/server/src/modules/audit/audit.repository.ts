import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

export interface AuditEntry {
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  resource: string;
  resourceId?: string | null;
  patientId?: string | null;
  ip: string | null;
  detail?: string | null;
}

/** Append-only: there is deliberately no update or delete function for the audit log. */
export async function insertAuditEntry(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: e.at,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      resource: e.resource,
      resource_id: e.resourceId ?? null,
      patient_id: e.patientId ?? null,
      ip: e.ip,
      detail: e.detail ?? null,
    })
    .execute();
}
