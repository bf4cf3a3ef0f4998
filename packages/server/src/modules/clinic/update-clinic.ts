import type { ClinicDetails, ClinicInfo } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from './admin-audit';
import { findClinic, updateClinicDetails } from './clinic.repository';

/** Changes the clinic's name and contact details; the change and its audit entry commit together. */
export async function updateClinic(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: ClinicDetails,
): Promise<ClinicInfo> {
  const db = deps.db.kysely;
  const clinic = await findClinic(db);
  if (!clinic) throw notFound('Clinic');
  const d = {
    name: input.name,
    address: input.address ?? null,
    phone: input.phone,
    email: input.email,
    website: input.website ?? null,
  };
  await db.transaction().execute(async (trx) => {
    await updateClinicDetails(trx, clinic.id, d);
    await auditChange(by, trx, 'clinic.update', 'clinic', clinic.id, d);
  });
  return { id: clinic.id, ...d };
}
