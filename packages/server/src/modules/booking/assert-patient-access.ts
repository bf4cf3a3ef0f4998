import { type Actor, canAccessPatient } from '@anagen/core/access';
import type { AppDeps } from '../../app';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import type { PatientAccessRequest } from '../patients/patient-access';
import { patientExists } from './booking.repository';

/**
 * requirePatientAccess without the request, for use cases that run outside HTTP: the same core
 * policy decision, the same audit entries (denials too) and the same 401/403/404 answers. The
 * caller's address is passed in explicitly because the audit log records it.
 * TODO(issue 21): replace with lib/patient-scope.ts `assertPatientAccess` once that lands.
 */
export async function assertPatientAccess(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  patientId: string,
  access: PatientAccessRequest & { ip: string | null },
): Promise<void> {
  const db = deps.db.kysely;
  const entry = {
    resource: access.resource,
    resourceId: access.resourceId ?? patientId,
    patientId,
  };
  const by = () => ({ actor, at: deps.clock.now(), ip: access.ip });
  if (!canAccessPatient(actor, patientId, access.scope, access.mode)) {
    await recordAudit(db, by(), { ...entry, action: `${access.action}.denied` });
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
    if (actor.role === 'patient') throw notFound('Patient');
    throw new AppError('FORBIDDEN', `Your role cannot ${access.mode} this part of a patient record.`);
  }
  if (!(await patientExists(db, patientId))) throw notFound('Patient');
  await recordAudit(db, by(), { ...entry, action: access.action });
}
