import { mapSearchUrl } from '@anagen/core/contracts';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { AppointmentView } from '../booking/booking.repository';

// The library parses its zone database on every lookup; a zone's VTIMEZONE never changes at run time.
const vtimezones = new Map<string, string | null>();
function vtimezone(zone: string): string | null {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const found = tzlib_get_ical_block(zone);
    block = Array.isArray(found) ? (found[0] ?? null) : null;
    vtimezones.set(zone, block);
  }
  return block;
}

/**
 * RFC 5545 calendar for one appointment: times in the clinic's zone with its VTIMEZONE, a UID that
 * stays the same across reschedules, SEQUENCE = the appointment's revision, METHOD:CANCEL once it is
 * cancelled. `method` REQUEST suits mail attachments; PUBLISH suits an "add to calendar" download.
 */
export function appointmentIcs(
  v: AppointmentView,
  opts: {
    stamp: number;
    clinic: { name: string; email: string };
    manageUrl?: string;
    mode: 'mail' | 'download';
  },
): string {
  const zone = v.time_zone;
  const cancelled = v.status === 'cancelled';
  const method = cancelled
    ? ICalCalendarMethod.CANCEL
    : opts.mode === 'mail'
      ? ICalCalendarMethod.REQUEST
      : ICalCalendarMethod.PUBLISH;
  const cal = ical({
    prodId: { company: 'Anagen', product: 'Anagen booking', language: 'EN' },
    method,
    // The VTIMEZONE block is spliced in below: passing it through the generator's line folding
    // (a TextEncoder call per character) made it most of the cost of every message.
    timezone: { name: zone, generator: () => null },
  });
  const description = [
    `${v.type_name} with ${v.provider_name} at ${opts.clinic.name}, ${v.location_name}.`,
    v.location_address ? `Address: ${v.location_address}` : '',
    mapSearchUrl(v.location_address) ? `Map: ${mapSearchUrl(v.location_address)}` : '',
    opts.manageUrl ? `Change or cancel: ${opts.manageUrl}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  cal.createEvent({
    id: v.ical_uid,
    sequence: v.ical_sequence,
    stamp: DateTime.fromMillis(opts.stamp, { zone: 'utc' }),
    start: DateTime.fromMillis(v.start_at, { zone }),
    end: DateTime.fromMillis(v.end_at, { zone }),
    timezone: zone,
    summary: `${v.type_name} – ${opts.clinic.name}`,
    description,
    // The street address, so a calendar app can route to it; the city name alone could not.
    location: v.location_address ? `${opts.clinic.name}, ${v.location_address}` : v.location_name,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: opts.clinic.name, email: opts.clinic.email },
    // Mail only: a download through a guest link must not show what the record already held.
    ...(opts.mode === 'mail' ? { attendees: [{ name: v.patient_name, email: v.patient_email }] } : {}),
    ...(opts.manageUrl ? { url: opts.manageUrl } : {}),
  });
  // DTSTAMP must be UTC (RFC 5545 3.8.7.2); the generator writes it in the calendar's zone.
  const stamp = new Date(opts.stamp)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const text = cal.toString().replace(/^DTSTAMP[^\r\n]*/m, `DTSTAMP:${stamp}`);
  const block = vtimezone(zone);
  if (!block) return text;
  const at = text.indexOf('BEGIN:VEVENT');
  const tz = block.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n');
  return `${text.slice(0, at)}${tz}${text.slice(at)}`;
}
