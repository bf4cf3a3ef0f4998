import type { Actor } from '@anagen/core/access';
import type { Calendar } from '@anagen/core/contracts';
import { DAY_MS, parseLocalDate } from '@anagen/core/scheduling';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { MAX_RANGE_DAYS } from '../availability/scheduling-context';
import { toBlock, toCalendarEntry } from '../booking/appointment-dto';
import { listAppointmentViews } from '../booking/booking.repository';
import {
  findCalendarLocation,
  listBlocksBetween,
  listLocationProviders,
  listLocationResources,
} from './calendar.repository';

/** The staff calendar for clinic-local dates `from…to`: who works, which rooms, what is booked or blocked. */
export async function readCalendar(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { from: string; to: string; ip: string },
): Promise<Calendar> {
  const k = deps.db.kysely;
  const fromDay = parseLocalDate(input.from);
  const toDay = parseLocalDate(input.to);
  if (toDay < fromDay) throw new AppError('VALIDATION_FAILED', '"from" must not be after "to".');
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) {
    throw new AppError('VALIDATION_FAILED', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
  }
  const location = await findCalendarLocation(k);
  if (!location) throw notFound('Location');
  // Wall-clock days as UTC ± 14 h cover the local days in any zone; the client places entries.
  const fromMs = fromDay * DAY_MS - 14 * 3_600_000;
  const toMs = (toDay + 1) * DAY_MS + 14 * 3_600_000;
  const [providers, resources, views, blocks] = await Promise.all([
    listLocationProviders(k, location.id),
    listLocationResources(k, location.id),
    listAppointmentViews(k, { fromMs, toMs, includeCancelled: true }),
    listBlocksBetween(k, fromMs, toMs),
  ]);
  await recordAudit(
    k,
    { actor, at: deps.clock.now(), ip: input.ip },
    { action: 'calendar.read', resource: 'appointment', detail: `${input.from}…${input.to}` },
  );
  return {
    timeZone: location.time_zone,
    providers,
    resources,
    appointments: views.map(toCalendarEntry),
    blocks: blocks.map(toBlock),
  };
}
