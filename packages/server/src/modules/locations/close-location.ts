import type { AdminLocation, ClosureInput, ScheduleConflict } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { deleteClosure, findLocation, insertClosure } from './locations.repository';
import { adminLocationOrThrow } from './save-location';
import { localDaysRange } from './schedule-conflicts';
import { findScheduleConflicts } from './schedule-conflicts.repository';

type Input = { locationId: string; closure: ClosureInput };

/** Booked appointments a closure would fall on, before saving it. */
export async function previewClosure(
  deps: Pick<AppDeps, 'db'>,
  input: Input,
): Promise<{ conflicts: ScheduleConflict[] }> {
  const db = deps.db.kysely;
  const loc = await findLocation(db, input.locationId);
  if (!loc) throw notFound('Location');
  const [from, to] = localDaysRange(loc.time_zone, input.closure.startDate, input.closure.endDate);
  return { conflicts: await findScheduleConflicts(db, { locationId: loc.id }, from, to) };
}

/**
 * Closes the location on the given days. Appointments already booked then are returned as
 * conflicts for the admin to handle, never cancelled here.
 */
export async function closeLocation(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  by: AuditActor,
  input: Input,
): Promise<{ location: AdminLocation; conflicts: ScheduleConflict[] }> {
  const db = deps.db.kysely;
  const loc = await findLocation(db, input.locationId);
  if (!loc) throw notFound('Location');
  await db.transaction().execute(async (trx) => {
    const id = await insertClosure(trx, loc.id, input.closure, deps.clock.now());
    await auditChange(by, trx, 'location.closure.create', 'location', loc.id, {
      closureId: id,
      ...input.closure,
    });
  });
  const [from, to] = localDaysRange(loc.time_zone, input.closure.startDate, input.closure.endDate);
  const conflicts = await findScheduleConflicts(db, { locationId: loc.id }, from, to);
  return { location: await adminLocationOrThrow(db, loc.id), conflicts };
}

export async function removeClosure(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: { id: string; closureId: string },
): Promise<AdminLocation> {
  const db = deps.db.kysely;
  const deleted = await db.transaction().execute(async (trx) => {
    const ok = await deleteClosure(trx, input.id, input.closureId);
    if (ok) await auditChange(by, trx, 'location.closure.delete', 'location', input.id, input);
    return ok;
  });
  if (!deleted) throw notFound('Closure');
  return adminLocationOrThrow(db, input.id);
}
