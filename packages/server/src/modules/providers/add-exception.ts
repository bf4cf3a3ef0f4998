import type { ExceptionInput, ScheduleConflict, ScheduleException } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { localDaysRange, wallInstant } from '../locations/schedule-conflicts';
import { findScheduleConflicts } from '../locations/schedule-conflicts.repository';
import { insertException, providerZone } from './providers.repository';

type Input = { providerId: string; exception: ExceptionInput };

/** The time zone of the provider's location, or 404 for an unknown provider. */
export async function providerZoneOrThrow(db: Kysely<Database>, providerId: string): Promise<string> {
  const p = await providerZone(db, providerId);
  if (!p) throw notFound('Provider');
  return p.time_zone;
}

/** Time off takes away hours; extra hours never conflict with bookings. */
async function conflictsOf(db: Kysely<Database>, providerId: string, zone: string, e: ExceptionInput) {
  if (e.kind === 'extra') return [];
  const [from, to] =
    e.start && e.end
      ? [wallInstant(zone, e.date, e.start), wallInstant(zone, e.date, e.end)]
      : localDaysRange(zone, e.date, e.date);
  return findScheduleConflicts(db, { providerIds: [providerId] }, from, to);
}

/** Booked appointments an exception would conflict with, before saving it. */
export async function previewException(
  deps: Pick<AppDeps, 'db'>,
  input: Input,
): Promise<{ conflicts: ScheduleConflict[] }> {
  const db = deps.db.kysely;
  const zone = await providerZoneOrThrow(db, input.providerId);
  return { conflicts: await conflictsOf(db, input.providerId, zone, input.exception) };
}

/** Saves time off or extra hours; bookings in the time off are returned as conflicts, never cancelled. */
export async function addException(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  input: Input,
): Promise<{ exception: ScheduleException; conflicts: ScheduleConflict[] }> {
  const db = deps.db.kysely;
  const { providerId, exception: e } = input;
  const zone = await providerZoneOrThrow(db, providerId);
  const id = await db.transaction().execute(async (trx) => {
    const newId = await insertException(trx, providerId, e);
    await auditChange(by, trx, 'provider.exception.create', 'provider', providerId, {
      exceptionId: newId,
      ...e,
    });
    return newId;
  });
  const conflicts = await conflictsOf(db, providerId, zone, e);
  return {
    exception: {
      id,
      date: e.date,
      kind: e.kind,
      start: e.start ?? null,
      end: e.end ?? null,
      reason: e.reason ?? null,
    },
    conflicts,
  };
}
