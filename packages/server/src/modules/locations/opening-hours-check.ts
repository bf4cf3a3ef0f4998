import type { LocationInput, WeeklyHoursInput } from '@anagen/core/contracts';
import { describeOutsideOpening, hoursOutsideOpening } from '@anagen/core/scheduling';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { providerHoursAtLocation } from '../providers/providers.repository';
import { locationsWithOpening } from './locations.repository';

/**
 * Refuses a provider's weekly hours that fall outside the opening hours of their location: the
 * booking page would otherwise offer times when the clinic is closed. 422 naming each window.
 * Locations without opening hours (not set) are not checked.
 */
export async function assertHoursWithinOpening(
  db: Kysely<Database>,
  hours: WeeklyHoursInput['hours'],
): Promise<void> {
  const ids = [...new Set(hours.map((h) => h.locationId))];
  if (ids.length === 0) return;
  const { locations, opening } = await locationsWithOpening(db, ids);
  const errors: { path: string; message: string }[] = [];
  for (const loc of locations) {
    const open = opening.filter((o) => o.location_id === loc.id);
    // A location without opening hours has not set them: nothing to check against.
    if (open.length === 0) continue;
    // Positions in the request body of this location's windows, for the error paths.
    const indices = hours.flatMap((h, i) => (h.locationId === loc.id ? [i] : []));
    const outside = hoursOutsideOpening(
      indices.map((i) => hours[i]!),
      open,
    );
    for (const v of outside) {
      // On the field that has to move.
      errors.push({
        path: `body.hours.${indices[v.index]}.${v.startsClosed ? 'start' : 'end'}`,
        message: `${describeOutsideOpening(v)} is outside the opening hours of ${loc.name}`,
      });
    }
  }
  if (errors.length) throw outsideError(errors, 'Working hours must lie within the location’s opening hours');
}

/**
 * Refuses new opening hours that would leave a provider's weekly hours at this location outside
 * them; the admin changes those hours first (or together, in that order).
 */
export async function assertOpeningCoversProviders(
  db: Kysely<Database>,
  locationId: string,
  openingHours: LocationInput['openingHours'],
): Promise<void> {
  if (openingHours.length === 0) return;
  const rows = await providerHoursAtLocation(db, locationId);
  const clashes = hoursOutsideOpening(rows, openingHours).map(
    (v) => `${rows[v.index]!.name} works ${describeOutsideOpening(v)}`,
  );
  if (clashes.length === 0) return;
  // One message on the whole field (the form shows one error per field), short enough to read.
  const shown = clashes.slice(0, 4).join('; ');
  const more = clashes.length > 4 ? ` and ${clashes.length - 4} more working-hour windows` : '';
  const message = `${shown}${more}. Change their hours first`;
  throw outsideError(
    [{ path: 'body.openingHours', message }],
    'Opening hours must cover the providers’ working hours here',
  );
}

function outsideError(errors: { path: string; message: string }[], lead: string): AppError {
  return new AppError('UNPROCESSABLE', `${lead}: ${errors.map((e) => e.message).join('; ')}.`, { errors });
}
