import { type AccessMode, type Actor, canAccessPatient, type PatientScope } from '@anagen/core/access';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
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
 * The request-free patient check for publications, with the same answers as the patient-access
 * guard: the decision comes from the core policy table and is audited either way; another
 * patient's publication answers 404 (its existence is none of their business), staff without the
 * scope 403.
 */
export async function assertPublicationAccess(
  deps: PublicationsDeps,
  actor: Actor | null,
  patientId: string,
  access: { scope: PatientScope; mode: AccessMode; action: string; resourceId?: string },
  meta: RequestMeta,
): Promise<void> {
  const allowed = canAccessPatient(actor, patientId, access.scope, access.mode);
  await auditPublication(
    deps.db,
    deps,
    actor,
    {
      action: allowed ? access.action : `${access.action}.denied`,
      resourceId: access.resourceId ?? patientId,
      patientId,
    },
    meta,
  );
  if (allowed) return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
  if (actor.role === 'patient') throw notFound('Publication');
  throw new AppError('FORBIDDEN', 'Your role cannot do this with a patient’s publications.');
}
