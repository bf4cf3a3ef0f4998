import type { AdminProvider } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { newId } from '../../lib/ids';
import type { AuditActor } from '../audit/audit.service';
import type { WarnLog } from '../auth/account-mail';
import { auditChange } from '../clinic/admin-audit';
import { providerPhotoKey, setProviderPhotoKey } from './providers.repository';
import { providerOrThrow } from './save-provider';

type Deps = Pick<AppDeps, 'db' | 'storage'> & { log: WarnLog };

/**
 * Points the provider at a new portrait (or none), audited in the same commit, then deletes the
 * file it replaces (after the commit: a failed save keeps the old portrait whole).
 */
async function setPhoto(
  deps: Deps,
  by: AuditActor,
  id: string,
  key: string | null,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const db = deps.db.kysely;
  const before = await providerPhotoKey(db, id);
  await db.transaction().execute(async (trx) => {
    await setProviderPhotoKey(trx, id, key);
    await auditChange(by, trx, action, 'provider', id, detail);
  });
  // A leftover file is harmless; failing here would undo a committed change in the caller.
  if (before && before !== key) {
    await deps.storage
      .delete(before)
      .catch((err) => deps.log.warn({ err, key: before }, 'old portrait not deleted'));
  }
}

/** Stores an already decoded portrait (a 256 px JPEG) and makes it the provider's. */
export async function setProviderPhoto(
  deps: Deps,
  by: AuditActor,
  input: { id: string; portrait: Buffer },
): Promise<AdminProvider> {
  const { id, portrait } = input;
  // A new key per upload: the public URL names it, so browsers may cache it for good.
  const key = `providers/${id}-${newId()}.jpg`;
  await deps.storage.put(key, portrait);
  try {
    await setPhoto(deps, by, id, key, 'provider.photo', { bytes: portrait.length });
  } catch (err) {
    await deps.storage.delete(key);
    throw err;
  }
  return providerOrThrow(deps.db.kysely, id);
}

export async function removeProviderPhoto(
  deps: Deps,
  by: AuditActor,
  input: { id: string },
): Promise<AdminProvider> {
  await providerOrThrow(deps.db.kysely, input.id);
  await setPhoto(deps, by, input.id, null, 'provider.photo.remove', {});
  return providerOrThrow(deps.db.kysely, input.id);
}
