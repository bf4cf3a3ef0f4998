import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from './admin-audit';
import { findClinic, mergeClinicSettings } from './clinic.repository';

/** Replaces some keys of the clinic's settings (others are kept) and audits the change, in one commit. */
export async function updateClinicSettings(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: { action: string; patch: Record<string, unknown>; detail: unknown },
): Promise<void> {
  const db = deps.db.kysely;
  const clinic = await findClinic(db);
  if (!clinic) throw notFound('Clinic');
  await db.transaction().execute(async (trx) => {
    await mergeClinicSettings(trx, clinic.id, input.patch);
    await auditChange(by, trx, input.action, 'clinic', clinic.id, input.detail);
  });
}
