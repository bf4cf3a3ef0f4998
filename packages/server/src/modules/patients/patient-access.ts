import type { FastifyRequest } from 'fastify';
import { checkPatientAccess, type PatientAccess } from '../../lib/patient-scope';
import { auditActorOf } from '../audit/audit.service';

export type PatientAccessRequest = PatientAccess;

/**
 * The hand-written check for handlers not yet converted to a `config.patient` declaration
 * (lib/patient-scope.ts): the same decision and audit entries, taken from the request.
 */
export function requirePatientAccess(
  req: FastifyRequest,
  patientId: string,
  access: PatientAccessRequest,
): Promise<void> {
  return checkPatientAccess(req.server.deps, auditActorOf(req), patientId, access);
}
