import type { AdminProvider, WeeklyHoursInput } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import type { AuditActor } from '../audit/audit.service';
import { auditChange } from '../clinic/admin-audit';
import { assertExist } from '../clinic/references';
import { applyClosuresToProvider } from '../locations/locations.repository';
import { assertHoursWithinOpening } from '../locations/opening-hours-check';
import { replaceWeeklyHours } from './providers.repository';
import { closuresFrom, providerOrThrow } from './save-provider';

/** Replaces the weekly hours; hours outside a location's opening hours are refused (422). */
export async function updateProviderHours(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  by: AuditActor,
  input: { id: string; hours: WeeklyHoursInput['hours'] },
): Promise<AdminProvider> {
  const db = deps.db.kysely;
  await providerOrThrow(db, input.id);
  await db.transaction().execute(async (trx) => {
    await assertExist(
      trx,
      'locations',
      input.hours.map((h) => h.locationId),
      'body.hours',
      'location',
    );
    await assertHoursWithinOpening(trx, input.hours);
    await replaceWeeklyHours(trx, input.id, input.hours);
    await applyClosuresToProvider(trx, input.id, closuresFrom(deps.clock.now()));
    await auditChange(by, trx, 'provider.hours.update', 'provider', input.id, input.hours);
  });
  return providerOrThrow(db, input.id);
}
