import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { deleteException } from './providers.repository';

/** Deletes one of the provider's exceptions; an exception of another provider is a 404. */
export async function removeException(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: { id: string; exceptionId: string },
): Promise<void> {
  const ok = await deps.db.kysely.transaction().execute(async (trx) => {
    const deleted = await deleteException(trx, input.id, input.exceptionId);
    if (deleted) await auditChange(by, trx, 'provider.exception.delete', 'provider', input.id, input);
    return deleted;
  });
  if (!ok) throw notFound('Exception');
}
