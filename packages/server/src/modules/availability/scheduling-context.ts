import {
  DAY_MS,
  type FindOpenSlotsInput,
  formatLocalDate,
  parseLocalDate,
  utcToLocal,
} from '@anagen/core/scheduling';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import {
  type ClinicSettings,
  findProvidersWithLocation,
  findResources,
  type LoadedType,
  loadBusy,
  loadProviderSchedules,
  type ProviderWithLocation,
  parseClinicSettings,
  typeRules,
} from './scheduling.repository';

/** Longest availability or calendar range in days (inclusive), from the bad-input rules. */
export const MAX_RANGE_DAYS = 62;

interface LocationInfo {
  id: string;
  name: string;
  timeZone: string;
  clinicId: string;
  settings: ClinicSettings;
}

export interface LoadedContext {
  input: FindOpenSlotsInput;
  location: LocationInfo;
  providers: ProviderWithLocation[];
}

/**
 * Builds the pure slot search's input for local dates `fromDate…toDate` from the database: a fixed
 * number of queries (providers+location, hours, exceptions, appointments, held resources, blocks,
 * resources) whatever the range; `{ at }` means the clinic-local date of that instant. A type is offered at the location of its first active provider.
 */
export async function loadSchedulingContext(
  db: Kysely<Database>,
  type: LoadedType,
  range: { from: string; to: string } | { at: number },
  now: number,
  opts: { providerId?: string | undefined; excludeAppointmentId?: string | undefined } = {},
): Promise<LoadedContext> {
  const all = type.providers ?? (await findProvidersWithLocation(db, type.providerIds));
  const first = all[0];
  if (!first) throw notFound('A provider for this appointment type');
  const location: LocationInfo = {
    id: first.locationId,
    name: first.locationName,
    timeZone: first.timeZone,
    clinicId: first.clinicId,
    settings: parseClinicSettings(first.settingsJson),
  };
  const providers = all.filter((p) => p.locationId === location.id);
  const fromDate = 'at' in range ? localDateOf(location.timeZone, range.at) : range.from;
  const toDate = 'at' in range ? fromDate : range.to;
  const ids = opts.providerId
    ? providers.filter((p) => p.id === opts.providerId).map((p) => p.id)
    : providers.map((p) => p.id);
  const fromDay = parseLocalDate(fromDate);
  const toDay = parseLocalDate(toDate);
  // Local days are within ±14 h of UTC days; one day of margin each side covers every zone.
  const fromMs = (fromDay - 1) * DAY_MS;
  const toMs = (toDay + 2) * DAY_MS;
  const [schedules, busy, resources] = await Promise.all([
    loadProviderSchedules(db, ids, location.id, formatLocalDate(fromDay - 1), formatLocalDate(toDay + 1)),
    loadBusy(db, ids, type.resourceIds, fromMs, toMs, opts.excludeAppointmentId),
    findResources(db, type.resourceIds),
  ]);
  const input: FindOpenSlotsInput = {
    timeZone: location.timeZone,
    now,
    appointmentType: typeRules(type),
    providers: schedules,
    busy,
    resources,
    fromDate,
    toDate,
  };
  if (opts.providerId) input.providerId = opts.providerId;
  return { input, location, providers };
}

/** The clinic-local date of an instant. */
function localDateOf(timeZone: string, ms: number): string {
  return utcToLocal(timeZone, ms).date;
}
