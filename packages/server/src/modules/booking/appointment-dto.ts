import { type Appointment, type CalendarEntry, mapSearchUrl } from '@anagen/core/contracts';
import type { AppointmentView } from './booking.repository';

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The appointment as an API value. Patient identity is included only for staff and the patient
 * themself: a guest link must not tell whether the email already belonged to a record.
 */
export function toAppointmentDto(
  v: AppointmentView,
  opts: { includePatient: boolean; cutoffHours: number },
): Appointment {
  const dto: Appointment = {
    id: v.id,
    status: v.status,
    start: iso(v.start_at),
    end: iso(v.end_at),
    providerId: v.provider_id,
    providerName: v.provider_name,
    type: v.type_slug,
    typeName: v.type_name,
    durationMinutes: v.duration_minutes,
    timeZone: v.time_zone,
    locationName: v.location_name,
    locationAddress: v.location_address,
    mapUrl: mapSearchUrl(v.location_address),
    resourceIds: v.resource_ids,
    patientConfirmedAt: isoOrNull(v.patient_confirmed_at),
    cancelledAt: isoOrNull(v.cancelled_at),
    cancellableUntil: iso(v.start_at - opts.cutoffHours * 3_600_000),
    seriesId: v.series_id,
    sequence: v.ical_sequence,
  };
  if (opts.includePatient) {
    dto.patientId = v.patient_id;
    dto.patientName = v.patient_name;
    dto.notes = v.notes;
  }
  return dto;
}

export const toBlock = (b: {
  id: string;
  provider_id: string | null;
  resource_id: string | null;
  start_at: number;
  end_at: number;
  reason: string | null;
}) => ({
  id: b.id,
  providerId: b.provider_id,
  resourceId: b.resource_id,
  start: iso(b.start_at),
  end: iso(b.end_at),
  reason: b.reason,
});

export function toCalendarEntry(v: {
  id: string;
  status: CalendarEntry['status'];
  start_at: number;
  end_at: number;
  provider_id: string;
  provider_name: string;
  type_slug: string;
  type_name: string;
  patient_id: string;
  patient_name: string;
  patient_confirmed_at: number | null;
  resource_ids: string[];
}): CalendarEntry {
  return {
    id: v.id,
    status: v.status,
    start: iso(v.start_at),
    end: iso(v.end_at),
    providerId: v.provider_id,
    providerName: v.provider_name,
    type: v.type_slug,
    typeName: v.type_name,
    patientId: v.patient_id,
    patientName: v.patient_name,
    resourceIds: v.resource_ids,
    patientConfirmedAt: isoOrNull(v.patient_confirmed_at),
  };
}
