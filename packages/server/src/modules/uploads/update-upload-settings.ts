import type { Actor } from '@anagen/core/access';
import type { UploadSettings } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { auditChange } from '../clinic/admin-audit';
import { findClinic, mergeClinicSettings } from '../clinic/clinic.repository';

/** Replaces the clinic's upload settings; the change and its audit entry commit together. */
export async function updateUploadSettings(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { settings: UploadSettings; ip: string },
): Promise<UploadSettings> {
  const db = deps.db.kysely;
  const clinic = await findClinic(db);
  if (!clinic) throw notFound('Clinic');
  const by = { actor, at: deps.clock.now(), ip: input.ip };
  await db.transaction().execute(async (trx) => {
    await mergeClinicSettings(trx, clinic.id, { uploads: input.settings });
    await auditChange(by, trx, 'upload-settings.update', 'clinic', clinic.id, input.settings);
  });
  return input.settings;
}
