import { type AccessMode, canAccessPatient, type PatientScope } from '@anagen/core/access';
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../errors';
import { audit } from '../audit/audit.service';

export interface PatientAccessRequest {
  scope: PatientScope;
  mode: AccessMode;
  /** Audit action, e.g. "patient.read" or "photo.upload". */
  action: string;
  resource: string;
  resourceId?: string;
}

/**
 * The one path to a patient's data: decides from the core policy table, then audits the access.
 * Another patient's record answers 404 (its existence is none of their business); staff without
 * the scope get 403. Denials are audited too.
 */
export async function requirePatientAccess(
  req: FastifyRequest,
  patientId: string,
  access: PatientAccessRequest,
): Promise<void> {
  const db = req.server.deps.db.kysely;
  const allowed = canAccessPatient(req.actor, patientId, access.scope, access.mode);
  if (!allowed) {
    await audit(req, {
      action: `${access.action}.denied`,
      resource: access.resource,
      resourceId: access.resourceId ?? patientId,
      patientId,
    });
    if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
    if (req.actor.role === 'patient') throw notFound('Patient');
    throw new AppError('FORBIDDEN', `Your role cannot ${access.mode} this part of a patient record.`);
  }
  const exists = await db.selectFrom('patients').select('id').where('id', '=', patientId).executeTakeFirst();
  if (!exists) throw notFound('Patient');
  await audit(req, {
    action: access.action,
    resource: access.resource,
    resourceId: access.resourceId ?? patientId,
    patientId,
  });
}
