import type { AccessMode, Actor, PatientScope } from '@anagen/core/access';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { assertPatientAccess } from '../../lib/patient-scope';
import type { Storage } from '../../lib/storage';
import { insertAuditEntry } from '../audit/audit.repository';

export interface PublicationsDeps {
  db: Kysely<Database>;
  storage: Storage;
  clock: { now(): number };
  /** For treatment names and the outcomes figures; null while it cannot be read. */
  library: EvidenceLibrary | null;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip?: string | null;
}

export interface AuditNote {
  action: string;
  resourceId?: string | null;
  patientId?: string | null;
  detail?: string | null;
}

/** One audit row for a publication event; `db` may be the transaction the change is made in. */
export function auditPublication(
  db: Kysely<Database>,
  deps: { clock: { now(): number } },
  actor: Actor | null,
  note: AuditNote,
  meta: RequestMeta,
): Promise<void> {
  return insertAuditEntry(db, {
    at: deps.clock.now(),
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: note.action,
    resource: 'publication',
    resourceId: note.resourceId ?? null,
    patientId: note.patientId ?? null,
    ip: meta.ip ?? null,
    detail: note.detail ?? null,
  });
}

/**
 * The request-free patient check (`assertPatientAccess`, the core policy table, audited either way)
 * with the publication as the audited record; to a patient, another patient's publication does not
 * exist (404 "Publication was not found"), staff without the scope get 403, a guest 401.
 */
export function assertPublicationAccess(
  deps: PublicationsDeps,
  actor: Actor | null,
  patientId: string,
  access: { scope: PatientScope; mode: AccessMode; action: string; resourceId?: string },
  meta: RequestMeta,
): Promise<void> {
  return assertPatientAccess(
    { db: { kysely: deps.db }, clock: deps.clock },
    actor,
    patientId,
    { ...access, resource: 'publication', hiddenAs: 'Publication' },
    meta.ip ?? null,
  );
}
